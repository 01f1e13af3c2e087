"""The verify stage through ctypes: a DER chain in, verdict flags and names out.

Run under `with_lab.py --certs` (MXTLS_LAB_CERTS). The ctypes Structures must
agree with the C layout pinned in tests/test-abi-layout.c."""
import ctypes
import os
import re
import ssl
import unittest

import mxtls
from mxtls import verify


def pem_chain(name):
    """The certificates of a lab PEM file, as DER, in file order."""
    with open(os.path.join(os.environ["MXTLS_LAB_CERTS"], name)) as f:
        text = f.read()
    blocks = re.findall(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", text, re.S)
    return [ssl.PEM_cert_to_DER_cert(b) for b in blocks]


class Layout(unittest.TestCase):
    def test_structures_match_the_library(self):
        self.assertEqual(ctypes.sizeof(verify.VerifyResult),
                         verify.mxtls_verify_result_struct_size())
        self.assertEqual(ctypes.sizeof(verify.CertInfo), verify.mxtls_cert_info_struct_size())
        self.assertEqual(ctypes.sizeof(verify.MtastsResult),
                         verify.mxtls_mtasts_result_struct_size())
        # The offsets tests/test-abi-layout.c pins.
        self.assertEqual(verify.VerifyResult.certs.offset, 80)
        self.assertEqual(verify.VerifyResult.detail.offset, 120)
        self.assertEqual(verify.CertInfo.spki_sha256.offset, 128)
        self.assertEqual(verify.CertInfo.der.offset, 176)
        self.assertEqual(verify.MtastsResult.detail.offset, 128)


class VerifyDer(unittest.TestCase):
    def setUp(self):
        self.ctx = mxtls.Context()
        self.ctx.ca_file = os.path.join(os.environ["MXTLS_LAB_CERTS"], "root.pem")

    def tearDown(self):
        self.ctx.close()

    def test_good_chain_is_trusted_and_names_match(self):
        v = verify.verify_der(self.ctx, pem_chain("good.chain.pem"), "mail.mxtls.test")
        self.assertEqual(v.flags, {"trusted"})
        self.assertEqual(v.raw_flags, verify.FLAGS["trusted"])
        self.assertEqual(v.matched_name, "mail.mxtls.test")
        self.assertEqual(v.names, ["mail.mxtls.test", "smtp.mxtls.test", "localhost"])
        self.assertEqual(len(v.certs), 2)
        self.assertEqual(v.certs[0].subject, "CN=mail.mxtls.test")
        self.assertTrue(v.certs[1].is_ca)
        self.assertEqual(v.certs[0].der, pem_chain("good.chain.pem")[0])
        self.assertEqual(v.dane, "no-tlsa")

    def test_wrong_name_reports_the_names_it_carries(self):
        v = verify.verify_der(self.ctx, pem_chain("wrongname.chain.pem"), "smtp.mxtls.test")
        self.assertEqual(v.flags, {"trusted", "name-mismatch"})
        self.assertEqual(v.names, ["other.example.net"])
        self.assertIn("does not name smtp.mxtls.test", v.detail)

    def test_self_signed(self):
        v = verify.verify_der(self.ctx, pem_chain("selfsigned.chain.pem"), "mail.mxtls.test")
        self.assertEqual(v.flags, {"self-signed"})
        self.assertTrue(v.certs[0].self_signed)

    def test_expired_with_dates(self):
        v = verify.verify_der(self.ctx, pem_chain("expired.chain.pem"), "mail.mxtls.test")
        self.assertEqual(v.flags, {"expired"})
        self.assertEqual(v.time_invalid_cert, 0)
        self.assertLess(v.certs[0].not_after_ms, v.certs[0].not_before_ms + 400 * 86400 * 1000)

    def test_missing_intermediate(self):
        v = verify.verify_der(self.ctx, pem_chain("good.pem"), "mail.mxtls.test")
        self.assertEqual(v.flags, {"unknown-issuer"})
        self.assertEqual(v.missing_issuer, "CN=mxtls lab intermediate CA,O=mxtls lab")

    def test_bad_arguments_raise(self):
        # One byte over the 100 KiB a sender built on OpenSSL takes; a 70 KB
        # certificate is one a sender accepts, so verify must judge it.
        with self.assertRaises(mxtls.MxtlsError) as cm:
            verify.verify_der(self.ctx, [b"x" * (100 * 1024 + 1)], "mail.mxtls.test")
        self.assertEqual(cm.exception.name, "MXTLS_EINVAL")


class MtaSts(unittest.TestCase):
    def setUp(self):
        self.ctx = mxtls.Context()
        self.ctx.ca_file = os.path.join(os.environ["MXTLS_LAB_CERTS"], "root.pem")

    def tearDown(self):
        self.ctx.close()

    def check(self, scenario, mx_prefixes):
        d = os.environ["MXTLS_LAB_STS_" + scenario.upper()]
        return verify.mtasts_check(self.ctx, d, ["v=STSv1; id=1"], os.environ["MXTLS_LAB_HTTPS"],
                                   ["%s.%s" % (p, d) for p in mx_prefixes])

    def test_enforce_with_a_missing_mx(self):
        p = self.check("missingmx", ["mail", "backup"])
        self.assertEqual((p.outcome, p.mode), ("policy", "enforce"))
        self.assertEqual(p.unmatched_mx, ["backup." + os.environ["MXTLS_LAB_STS_MISSINGMX"]])

    def test_redirect_refused(self):
        p = self.check("redirect", ["mail"])
        self.assertEqual(p.outcome, "fetch-failed")
        self.assertEqual(p.http_status, 301)


if __name__ == "__main__":
    unittest.main(verbosity=2)
