using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Cli;

/// <summary>Certificates the tool reads from PEM files: the server's own, and the one a client trusts for its server.</summary>
internal static class TlsFiles
{
    /// <summary>
    /// The server's certificate and its private key, each a PEM file, and the certificates that follow the server's own
    /// in its file: the intermediate authorities of a full chain (as Let's Encrypt's <c>fullchain.pem</c>), which the
    /// server sends with its own so that a client that has only the root can build the chain.
    /// </summary>
    /// <exception cref="InvalidOperationException">The files do not hold a certificate and its key (the message names them).</exception>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) LoadServerCertificate(string certificate, string key)
    {
        try
        {
            using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificate, key);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(certificate);
            foreach (X509Certificate2 own in chain.Find(X509FindType.FindByThumbprint, pem.Thumbprint, validOnly: false))
            {
                chain.Remove(own);
            }

            // Through PKCS #12, so that the key is one every TLS implementation takes.
            return (X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), password: null), chain);
        }
        catch (Exception failure) when (failure is CryptographicException or ArgumentException)
        {
            // ArgumentException: a key that is not the certificate's.
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
