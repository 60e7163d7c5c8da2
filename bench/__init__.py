"""The claimwatch benchmark: synthetic news through the embedded broker, against a spaCy ceiling.

`python -m bench` generates articles from templates (`bench.corpus`), runs the
pipeline with one and then two `claimwatch worker` processes on the embedded
broker (`bench.pipeline_run`), times `nlp.pipe` alone on the same cleaned texts
(`bench.ceiling`), and prints a table and, last, one JSON line (`bench.report`).
"""
