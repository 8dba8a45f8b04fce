using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Benchmarks.Tls;

/// <summary>The benchmarks' server certificate: self-signed for <c>localhost</c>, ECDSA P-256, and how a client trusts it.</summary>
internal static class LoopbackCertificate
{
    /// <summary>A new certificate with its private key, valid for a day.</summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>A validation callback that trusts <paramref name="trusted"/> alone.</summary>
    public static RemoteCertificateValidationCallback Trusting(X509Certificate2 trusted) =>
        (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString();
}
