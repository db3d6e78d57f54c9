"""What every page that records or exports shares: GOV.UK form fields and widgets (`forms`), the recording page's
GET/POST cycle (`recording`) and the spreadsheet-cell guard (`cells`).

A plain package, not an installed app: it has no models, and the templates it renders stay in the apps that have
always held them (`components/` in core, `journey/form_page.html`). Any app may import it; it imports only core,
people and workforce (who may record), never a record app such as journey.
"""
