from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lbpreports.accounts"
    label = "accounts"
    verbose_name = "Accounts"
