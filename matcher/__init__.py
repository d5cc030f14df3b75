"""Pathways matcher: a pure library (no Flask, no database).

From a person's own words to ESCO skills and occupations, ranked local vacancies and
placements with reasons, capacity-aware assignment to placements, vacancy safety
screening, and the local labour-market map. Modules take and return plain data.
"""
