using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Net.Security;

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
    /// A validation that trusts the certificate of a PEM file (a server's own, or the authority that signed it) in place
    /// of the system's authorities, for the name the client connects to.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file holds no certificate (the message names it).</exception>
    public static RemoteCertificateValidationCallback TrustOnly(string file)
    {
        X509Certificate2 trusted;
        try
        {
            trusted = X509CertificateLoader.LoadCertificateFromFile(file);
        }
        catch (CryptographicException failure)
        {
            throw new InvalidOperationException($"cannot read the certificate to trust from {file}: {failure.Message}", failure);
        }

        return (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return chain.Build(presented);
        };
    }
}
