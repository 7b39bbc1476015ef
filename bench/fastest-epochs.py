#!/usr/bin/env python3
"""Summarizes the logs of bench/side-by-side.sh: per benchmark and side, the fastest epoch from epoch 2 on over all
rounds, each round's median epoch, and each round's one-sample predict time (µs).

Usage: python3 bench/fastest-epochs.py [runs/side-by-side]"""
import json,re,glob,sys,os
d=sys.argv[1] if len(sys.argv)>1 else 'runs/side-by-side'
def epochs(f):
    out=[]
    for line in open(f):
        line=line.strip()
        if line.startswith('{'):
            j=json.loads(line)
            if 'epoch' in j and 'summary' not in j: out.append(j.get('epoch_s', j.get('seconds')))
        m=re.match(r'epoch (\d+): ([\d.]+) s',line)
        if m: out.append(float(m.group(2)))
    return out
def pred(f):
    for line in open(f):
        if 'predict1_us' in line: return json.loads(line)['predict1_us']
        m=re.search(r'predict \(one sample\): ([\d.]+)',line)
        if m: return float(m.group(1))
for kind in ['mlp','mlp-vector','mlp-plain','cnn','lstm','digits']:
    for who in ['torch','castnet']:
        fs=sorted(glob.glob(f'{d}/{who}-{kind}-[0-9]*.log'))
        if not fs: continue
        e=[epochs(f) for f in fs]
        best=min(min(x[1:] if len(x)>1 else x) for x in e)
        import statistics
        med=[statistics.median(x) for x in e]
        print(f'{who:8s} {kind:11s} fastest(ep>=2) {best:.4f}  medians {[round(m,4) for m in med]}  predict {[pred(f) for f in fs]}')
