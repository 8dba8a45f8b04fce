using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Cli;

/// <summary>Certificates the tool reads from PEM files: the server's own, and the one a client trusts for its server.</summary>
internal static class TlsFiles
{
    /// <summary>The server's certificate and its private key, each a PEM file.</summary>
    /// <exception cref="InvalidOperationException">The files do not hold a certificate and its key (the message names them).</exception>
    public static X509Certificate2 LoadServerCertificate(string certificate, string key)
    {
        try
        {
            using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificate, key);

            // Through PKCS #12, so that the key is one every TLS implementation takes.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), password: null);
        }
        catch (CryptographicException failure)
        {
            throw new InvalidOperationException($"cannot read the TLS certificate {certificate} with its key {key}: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// A chain policy that trusts the certificates of a file (a server's own, or the authorities that signed it: every
    /// certificate of a PEM file, or the one of a DER file) in place of the system's authorities. The handshake builds the
    /// one chain by it, and still checks the name the client connects to.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file holds no certificate (the message names it).</exception>
    public static X509ChainPolicy TrustOnly(string file)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        try
        {
            policy.CustomTrustStore.ImportFromPemFile(file);
            if (policy.CustomTrustStore.Count == 0)
            {
                policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(file));
            }
        }
        catch (CryptographicException failure)
        {
            throw new InvalidOperationException($"cannot read the certificate to trust from {file}: {failure.Message}", failure);
        }

        return policy;
    }
}
