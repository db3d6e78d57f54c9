"""Lantern: one record of every child's journey, every statutory clock live, drift in front of whoever must act."""
