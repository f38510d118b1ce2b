import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Load jieba's dictionary now rather than on the first search of each worker (~0.8 s).
import jieba  # noqa: E402

jieba.initialize()
