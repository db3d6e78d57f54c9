"""Sources the rules cite more than once."""

WT2023 = "Working Together to Safeguard Children 2023"
CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010"
