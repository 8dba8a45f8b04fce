using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>
/// A private certificate authority, and a server certificate for <c>localhost</c> and 127.0.0.1 that it signed, made once
/// when the tests run (never committed): what a client trusts in place of the system's authorities.
/// </summary>
internal static class TestAuthority
{
    private static readonly Lazy<(X509Certificate2 Authority, X509Certificate2 Server)> Shared = new(Create);

    /// <summary>The authority's certificate, without its key.</summary>
    public static X509Certificate2 Certificate => Shared.Value.Authority;

    /// <summary>The server's certificate with its private key, signed by <see cref="Certificate"/>.</summary>
    public static X509Certificate2 Server => Shared.Value.Server;

    private static (X509Certificate2, X509Certificate2) Create()
    {
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddMinutes(-5), notAfter = DateTimeOffset.UtcNow.AddDays(1);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=SmtpGen Test Authority", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, critical: false));
        using X509Certificate2 authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using X509Certificate2 signed = serverRequest.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using X509Certificate2 server = signed.CopyWithPrivateKey(serverKey);

        // The server's through PKCS #12, so that its private key is one every TLS implementation can use.
        return (X509CertificateLoader.LoadCertificate(authority.RawData), X509CertificateLoader.LoadPkcs12(server.Export(X509ContentType.Pfx), password: null));
    }
}
