"""KPIs of seed 001 (关键绩效指标), with DESIGN.md's exact formulas, aggregated in SQL per hall and period.

Every function takes a :class:`Scope` (period, periodicity, the halls the user may see) and returns
``{(hall, period): {measure: value}}`` from one GROUP BY query; reports merge these small results.
"""
