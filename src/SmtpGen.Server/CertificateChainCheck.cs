using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Server;

/// <summary>
/// Which certificates given as the chain (<see cref="SmtpServerOptions.CertificateChain"/>) the handshakes do not send.
/// The context builds the chain from the server's certificate up and sends the authorities it found on the way, without
/// the root; a certificate given that is not one of those, nor a copy, nor the root the chain ends in (which clients
/// have, and a server need not send, RFC 8446 §4.4.2), is left out: an authority that signed something else, such as
/// last year's intermediate after a renewal. Clients that need the one missing cannot build the chain.
/// </summary>
internal static class CertificateChainCheck
{
    /// <summary>The certificates of <paramref name="given"/> that <paramref name="context"/> does not send and that matter.</summary>
    public static IEnumerable<X509Certificate2> NotSent(SslStreamCertificateContext context, X509Certificate2Collection? given)
    {
        foreach (X509Certificate2 certificate in given ?? [])
        {
            if (!IsAccountedFor(certificate, context))
            {
                yield return certificate;
            }
        }
    }

    private static bool IsAccountedFor(X509Certificate2 certificate, SslStreamCertificateContext context)
    {
        X509Certificate2 top = context.TargetCertificate;
        if (certificate.RawDataMemory.Span.SequenceEqual(top.RawDataMemory.Span))
        {
            return true;
        }

        foreach (X509Certificate2 intermediate in context.IntermediateCertificates)
        {
            if (certificate.RawDataMemory.Span.SequenceEqual(intermediate.RawDataMemory.Span))
            {
                return true;
            }

            top = intermediate;
        }

        return certificate.SubjectName.RawData.AsSpan().SequenceEqual(top.IssuerName.RawData);
    }
}
