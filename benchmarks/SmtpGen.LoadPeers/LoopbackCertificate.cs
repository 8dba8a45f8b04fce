using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.LoadPeers;

/// <summary>
/// The benchmarks' server certificate: self-signed, ECDSA P-256, for <c>localhost</c> and <c>127.0.0.1</c>, valid for a
/// day. The end-to-end TLS rows give every server the same one as PEM files, and the client trusts it alone; the
/// BenchmarkDotNet benchmarks (which link this file) make one in memory.
/// </summary>
internal static class LoopbackCertificate
{
    /// <summary>A new certificate with its private key.</summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS #12, so that the key is one every TLS implementation takes.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>Writes a new certificate as <c>cert.pem</c> and its key as <c>key.pem</c> into <paramref name="folder"/>.</summary>
    public static int WritePem(string folder)
    {
        using X509Certificate2 certificate = Create();
        using ECDsa key = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return 0;
    }
}
