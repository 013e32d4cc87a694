"""Rule packs and templates: loading and caching (loader), schema validation (schema), pack
extension (merge), the authoring lint behind ``rules validate`` (lint) and generated docs (rulebook).
"""
