from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("new/", views.report_new, name="new"),
    path("preview/", views.preview, name="preview"),
    path("preview.pdf", views.preview_pdf, name="preview_pdf"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/draft.pdf", views.draft_pdf, name="draft_pdf"),
    path("<int:pk>/print-size/", views.print_size, name="print_size"),
]
