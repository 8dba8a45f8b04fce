using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>
/// A private certificate authority, and certificates for <c>localhost</c> and 127.0.0.1 that it signed, made once when the
/// tests run (never committed): what a client trusts in place of the system's authorities.
/// </summary>
internal static class TestAuthority
{
    private static readonly Lazy<(X509Certificate2 Authority, X509Certificate2 Server, X509Certificate2 ClientOnly)> Shared = new(Create);

    /// <summary>The authority's certificate, without its key.</summary>
    public static X509Certificate2 Certificate => Shared.Value.Authority;

    /// <summary>A server's certificate with its private key, signed by <see cref="Certificate"/>.</summary>
    public static X509Certificate2 Server => Shared.Value.Server;

    /// <summary>The same, but whose one use is client authentication: not a server's.</summary>
    public static X509Certificate2 ClientOnly => Shared.Value.ClientOnly;

    private static (X509Certificate2, X509Certificate2, X509Certificate2) Create()
    {
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddMinutes(-5), notAfter = DateTimeOffset.UtcNow.AddDays(1);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=SmtpGen Test Authority", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, critical: false));
        using X509Certificate2 authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        X509Certificate2 Sign(string use)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(use)], critical: false));
            using X509Certificate2 signed = request.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
            using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);

            // Through PKCS #12, so that the private key is one every TLS implementation can use.
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), password: null);
        }

        const string ServerAuthentication = "1.3.6.1.5.5.7.3.1", ClientAuthentication = "1.3.6.1.5.5.7.3.2";
        return (X509CertificateLoader.LoadCertificate(authority.RawData), Sign(ServerAuthentication), Sign(ClientAuthentication));
    }
}
