"""The report as text: the Document readers produce, its matching view, outline, numbers and figures.

The lowest layer: nothing here knows of packs, kinds, the engine, the gate, renderers or the CLI.
"""
