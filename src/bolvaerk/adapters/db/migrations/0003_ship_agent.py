# Written by hand (issue 7, secure EDI web form): ship agents as an organisation kind with the
# role "agent", and per facility its current ISPS security level and its GISIS number.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bolvaerk", "0002_portfolio_reminders_tokens"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("rso", "RSO firm"),
                    ("operator", "Facility operator"),
                    ("port", "Port authority"),
                    ("police", "Police district"),
                    ("authority", "Maritime authority"),
                    ("site", "Site administration"),
                    ("agent", "Ship agent"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=models.CharField(
                choices=[
                    ("consultant", "Consultant"),
                    ("lead_consultant", "Lead consultant"),
                    ("pfso", "PFSO"),
                    ("staff", "Staff"),
                    ("pso", "PSO"),
                    ("police_reviewer", "Police reviewer"),
                    ("authority_reviewer", "Authority reviewer"),
                    ("authority_approver", "Authority approver"),
                    ("site_admin", "Site administrator"),
                    ("agent", "Ship agent"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddField(
            model_name="facility",
            name="security_level",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "1"), (2, "2"), (3, "3")], default=1
            ),
        ),
        migrations.AddField(
            model_name="facility",
            name="gisis_number",
            field=models.CharField(blank=True, db_index=True, max_length=10),
        ),
    ]
