"""Ofsted ILACS Annex A: Lists 1–11 as one workbook, one sheet per list (domain/statutory-data.md section 3).

- `layout`: the workbook as data: each list's sheet, reporting window and columns (liia-tools'
  `Annex_A_schema.yml` headers verbatim, each naming the value it holds) and the cell formats.
- `shared`: the inspection date and its windows, the children the lists name (loaded once per list, with their
  allocations, disabilities and visits), and the lettered labels more than one list uses ("a) Male" ...).
- One module per list, each with `rows(inspection)`: `contacts` (1), `early_help` (2), `referrals` (3),
  `assessments` (4), `section47` (5), `children_in_need` (6), `child_protection` (7), `children_in_care` (8),
  `care_leavers` (9), `adoption` (10), `adopters` (11). A list's own lettered labels live in its module.
- `workbook`: the cells in layout order, and the xlsx.

Reporting windows (D2I's Annex A SQL): the six months up to and including the inspection date for contacts, early
help, referrals, assessments and section 47 enquiries; children in need, on a plan, in care or leaving care at the
date, plus those whose episode, plan or care ended in those six months. Counts "in the last 12 months" run to the
date too. "Allocated team/worker" is the social worker allocated on the date (blank when nobody is). Annex A
reports dates things happened, not when they were due, so nothing here works out a due date.

Everything is read with a handful of queries per list, never one per child, and written with XlsxWriter in
constant-memory mode.
"""

from lantern.returns.annex_a.layout import LISTS, AnnexList, Column
from lantern.returns.annex_a.shared import Inspection, Row
from lantern.returns.annex_a.workbook import export_annex_a, list_rows

__all__ = ["LISTS", "AnnexList", "Column", "Inspection", "Row", "export_annex_a", "list_rows"]
