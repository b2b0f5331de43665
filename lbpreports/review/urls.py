from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/check/", views.recheck, name="check"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/handout.pdf", views.handout, name="handout"),
    path("<int:pk>/handout.hl7", views.export_hl7, name="export_hl7"),
    path("<int:pk>/handout.fhir.json", views.export_fhir, name="export_fhir"),
]
