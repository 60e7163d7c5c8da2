"""claimwatch's composition root: the worker app with its agents, the CLI, the HTTP views.

`streams` is what flows (models, topics, the Faust app's machinery) and
`agents` is what transforms it; this package is the only one that imports both,
so imports point one way: claimwatch -> agents -> streams.
"""
