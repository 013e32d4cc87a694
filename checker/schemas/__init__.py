"""JSON Schemas for packs, templates, configuration, waivers and the report contract."""

from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent
