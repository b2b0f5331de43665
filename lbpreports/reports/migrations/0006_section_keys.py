"""Stored patient texts gain the stable section `key` of docs/contract.md, found by heading.

Reports and their versions keep `patient_sections` as a list of {heading, paragraphs}; the
review and handout code now go by `key`. A heading the map does not know keeps no key (it is
then treated as body text, as before).
"""

from django.db import migrations

KEYS = {
    "What the scan looked at": "looked_at",
    "What needs follow-up": "follow_up",
    "What it found": "found",
    "How common this is in people without back pain": "prevalence",
    "What happens next": "next",
    "Words in your report": "words",
    "Sources": "sources",
}


def keyed(sections):
    changed = False
    out = []
    for section in sections or []:
        if isinstance(section, dict) and "key" not in section:
            key = KEYS.get(section.get("heading"))
            if key is not None:
                section = {"key": key, **section}
                changed = True
        out.append(section)
    return out, changed


def add_keys(apps, schema_editor):
    for model_name in ("Report", "ReportVersion"):
        model = apps.get_model("reports", model_name)
        for row in model.objects.all().only("pk", "patient_sections").iterator():
            sections, changed = keyed(row.patient_sections)
            if changed:
                model.objects.filter(pk=row.pk).update(patient_sections=sections)
    report = apps.get_model("reports", "Report")
    for row in report.objects.all().only("pk", "engine_result").iterator():
        result = row.engine_result or {}
        summary = result.get("summary") if isinstance(result, dict) else None
        if not isinstance(summary, dict):
            continue
        sections, changed = keyed(summary.get("sections"))
        if changed:
            result["summary"]["sections"] = sections
            report.objects.filter(pk=row.pk).update(engine_result=result)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_emergency_call"),
    ]

    operations = [
        migrations.RunPython(add_keys, migrations.RunPython.noop),
    ]
