using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Server.Tests;

/// <summary>
/// A private certificate authority, an intermediate one it signed, and certificates for <c>localhost</c> and 127.0.0.1
/// that they signed, made once when the tests run (never committed): what a client trusts in place of the system's
/// authorities, and a chain that a server must send whole.
/// </summary>
internal static class TestAuthority
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1", ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private static readonly Lazy<Certificates> Shared = new(Create);

    /// <summary>The authority's certificate, without its key: the root a client trusts.</summary>
    public static X509Certificate2 Certificate => Shared.Value.Authority;

    /// <summary>A server's certificate with its private key, signed by <see cref="Certificate"/>.</summary>
    public static X509Certificate2 Server => Shared.Value.Server;

    /// <summary>The same, but whose one use is client authentication: not a server's.</summary>
    public static X509Certificate2 ClientOnly => Shared.Value.ClientOnly;

    /// <summary>An intermediate authority's certificate, without its key, signed by <see cref="Certificate"/>.</summary>
    public static X509Certificate2 Intermediate => Shared.Value.Intermediate;

    /// <summary>
    /// A server's certificate with its private key, signed by <see cref="Intermediate"/>: a client that trusts
    /// <see cref="Certificate"/> only can build its chain when the server sends the intermediate with it.
    /// </summary>
    public static X509Certificate2 ServerBehindIntermediate => Shared.Value.ServerBehindIntermediate;

    private sealed record Certificates(
        X509Certificate2 Authority, X509Certificate2 Server, X509Certificate2 ClientOnly, X509Certificate2 Intermediate, X509Certificate2 ServerBehindIntermediate);

    private static Certificates Create()
    {
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddMinutes(-5), notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest authorityRequest = AuthorityRequest("CN=SmtpGen Test Authority", authorityKey, pathLength: 1);
        using X509Certificate2 authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest intermediateRequest = AuthorityRequest("CN=SmtpGen Test Intermediate", intermediateKey, pathLength: 0);
        intermediateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using X509Certificate2 intermediateSigned = intermediateRequest.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using X509Certificate2 intermediate = intermediateSigned.CopyWithPrivateKey(intermediateKey);

        X509Certificate2 Sign(X509Certificate2 issuer, string use)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(use)], critical: false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            using X509Certificate2 signed = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
            using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);

            // Through PKCS #12, so that the private key is one every TLS implementation can use.
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), password: null);
        }

        return new Certificates(
            PublicOnly(authority),
            Sign(authority, ServerAuthentication),
            Sign(authority, ClientAuthentication),
            PublicOnly(intermediate),
            Sign(intermediate, ServerAuthentication));
    }

    private static CertificateRequest AuthorityRequest(string subject, ECDsa key, int pathLength)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: pathLength, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }

    private static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
