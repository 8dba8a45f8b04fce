using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Benchmarks.Tls;

/// <summary>How the benchmarks' clients trust the benchmarks' self-signed server certificate.</summary>
internal static class CertificateTrust
{
    /// <summary>A validation callback that trusts <paramref name="trusted"/> alone.</summary>
    public static RemoteCertificateValidationCallback Only(X509Certificate2 trusted) =>
        (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString();
}
