"""The security suite (issue 18 item 5): every item checked over HTTP against a real stack
(the session ``stack`` of ``tests/e2e/conftest.py``; the secrets module starts one of its
own that logs at DEBUG). Each test can fail: each has a positive twin (the right token, pair,
cookie or path is accepted) so a refusal means the check, not a broken stack.

| item | module | what |
|---|---|---|
| tokens | ``test_tokens.py`` | expired, no ``exp``, ``nbf`` ahead, another secret, swapped body, flipped or cut signature, ``alg: none`` (3 spellings), HS384/HS512 with the secret, RS256, HS256 keyed with a public key, missing or wrong ``identity``, garbage, ``...``, ``..``, empty parts, huge (60 kB): 401 envelope as Bearer and as cookie, and at the files process; malformed ``Authorization`` headers; a revoked key's token, a deleted user's token and keys (gateway and files), a logged-out session; a gateway started after the revocations refuses them from its first answer; session lifetime capped at a year |
| Basic auth | ``test_basic_auth.py`` | wrong, empty, suffixed secret, another key's secret, unknown/empty key, missing colon, only a colon, empty, not base64, bad padding, non-UTF-8 key or secret, NUL, regex and query-object keys, huge: 401 envelope; unknown key and wrong secret answer alike; the Basic cache is keyed by the secret; the files process takes no key pair |
| cookies | ``test_cookies_cors.py`` | ``clearml_token_basic`` set by ``auth.login`` HttpOnly, SameSite=Lax, Path=/; alone authenticates API and files; found after other apps' cookies (JSON, spaced values); forged refused; logout expires it; forged on an open endpoint counts as none |
| CORS | ``test_cookies_cors.py`` | preflight of API and files echoes the UI's origin and asked headers with credentials; answers and 401s carry it; never ``*`` with credentials, no CORS without ``Origin`` or for ``null``; an uploaded HTML page is served sandboxed (no same origin: no session) |
| impersonation | ``test_impersonation.py`` | ``X-ClearML-Impersonate-As`` / ``-Act-As`` refused (400/6) to user, annotator, superuser, guest; accepted for admin, system, root; takes the user's role; unknown user; other company only for root; no impersonating a higher role; both headers; from a user's session |
| secrets | ``test_secrets.py`` | token secret, admin secret and password, created secret, set password, wrong secret and password, session token (and its signature): in no answer but the one that hands it out, in no log line of any process at DEBUG |
| ``authorize`` | ``test_authorize_catalog.py`` | parametrized over ``shared.endpoints.endpoint_table()`` (both vendored catalogs): every endpoint needing auth 401s without credentials and with a forged token; every open one answers (no 401/403/5xx); every role-restricted one 403/20 to a plain user; every ``internal.*`` RPC endpoint of the processes 404 over HTTP |
| files | ``test_files_traversal.py`` | 28 encodings (``../``, ``%2e%2e``, ``%252e``, triple, ``..%2f``, ``..\\``, ``%5c``, drives, NUL, control, fullwidth, one-dot leaders, overlong UTF-8, ``%u002e``, ``.. ``, another company) on upload, download, ``DELETE``, ``delete_many``; absolute paths stay inside; a symlink out of the company folder is not followed; one bad part refuses the whole upload; the disk (canaries beside, above and in another company) is compared before and after every test |

Earlier, narrower tests of the same ground: ``tests/e2e/identity/test_credentials.py``,
``test_roles.py``, ``tests/unit/gateway/``, ``tests/unit/shared/test_tokens.py``,
``tests/unit/files/test_paths.py``, ``tests/integration/files/``.
"""
