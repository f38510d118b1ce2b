"""Wagtail's migrations create a root page and a root collection "Root", groups "Moderators" and "Editors" and a
workflow and task "Moderators approval"; their names show in the admin's breadcrumbs, workflow
reports and filters. Give them Chinese names (issue 7). Only the exact defaults are renamed."""

from django.db import migrations

RENAMES = {
    "Moderators": "审核员",
    "Editors": "编辑人员",
    "Moderators approval": "审核员审批",
    "Root": "根目录",
}


def rename(apps, schema_editor, names):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    for old, new in names.items():
        Group.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)
        Workflow.objects.filter(name=old).update(name=new)
        Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
        Collection.objects.filter(depth=1, name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, RENAMES)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("villages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
