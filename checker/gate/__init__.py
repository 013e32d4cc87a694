"""What a user decides about findings: settings per report (config), in-source directive scopes,
waivers, a baseline, and the fingerprints that recognise a finding again. Applied in one step,
after the rules and before the score (suppress).
"""
