"""Hand a file to a partner through the endpoint in the directory: a drop folder, an SFTP URL or
an HTTPS inbox URL (whose answer, the signed receipt, is returned)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bolvaerk.adapters.edi.transport import folder, https, sftp
from bolvaerk.services.edi_identity import EdiPaths
from bolvaerk.services.edi_partners import Partner
from bolvaerk.services.edi_texts import EdiError

SSH_KEY_ENV = "BOLVAERK_EDI_SSH_KEY"
SSH_PASSPHRASE_ENV = "BOLVAERK_EDI_SSH_PASSPHRASE"  # noqa: S105 - a variable name


@dataclass(frozen=True, slots=True)
class Delivered:
    where: str
    answer: bytes | None = None  # the HTTPS inbox's reply
    new_host_key: str | None = None  # an SFTP host key seen for the first time (recorded)


def deliver(paths: EdiPaths, partner: Partner, filename: str, data: bytes) -> Delivered:
    """Raises EdiError (exit 2: the file is kept by the caller for another try)."""
    kind = partner.endpoint_kind
    try:
        if kind == "folder":
            written = folder.deliver(Path(partner.endpoint), filename, data)
            return Delivered(where=str(written))
        if kind == "sftp":
            key = partner.ssh_key or os.environ.get(SSH_KEY_ENV, "")
            done = sftp.deliver(
                partner.endpoint,
                filename,
                data,
                known_hosts=paths.known_hosts,
                key_file=Path(key) if key else None,
                key_passphrase=os.environ.get(SSH_PASSPHRASE_ENV) or None,
            )
            return Delivered(where=done.remote_path, new_host_key=done.new_host_key)
        answer = https.post(partner.endpoint, data)
        return Delivered(where=partner.endpoint, answer=answer)
    except OSError as error:
        raise EdiError("delivery-failed", partner=partner.name, detail=str(error)[:200]) from error
    except (sftp.SftpError, https.HttpsError) as error:
        # A 400 from a bolvaerk inbox means the partner refused the file: a rejection (exit 1).
        refused = error.code == "http-status" and error.params.get("status") == 400
        params = {**error.params, "partner": partner.name}
        raise EdiError.wrap(error.code, params, exit_code=1 if refused else 2) from error
