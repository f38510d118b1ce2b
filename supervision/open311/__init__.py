"""Open311 GeoReport v2 at /open311/v2/ (docs/api.md "Open311").

Partner systems (the 12345 hotline, a provincial platform) list the complaint categories as
services, submit complaints with an API key and follow their status, in JSON or XML as the
GeoReport v2 specification has it, so an existing Open311 client works unchanged.

- `rendering`: the spec's JSON and XML (Spark convention) and its error format.
- `serializers`: what each resource shows (services, a service definition, a request in full
  for its own partner, or status only for anyone else).
- `params`: checks every parameter of a POST or a query, collecting all errors at once.
- `views`, `urls`: the endpoints; a case is created only by `services.intake.submit`.
"""
