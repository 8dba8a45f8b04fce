using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Cli;

/// <summary>Certificates the tool reads from PEM files: the server's own, and the one a client trusts for its server.</summary>
internal static class TlsFiles
{
    private const string CertificateBegins = "-----BEGIN CERTIFICATE-----";

    /// <summary>
    /// The server's certificate and its private key, each a PEM file, and the certificates that follow the server's own
    /// in its file: the intermediate authorities of a full chain (as Let's Encrypt's <c>fullchain.pem</c>), which the
    /// server sends with its own so that a client that has only the root can build the chain. The certificate file is
    /// read once, and refused whole when a certificate in it is cut off (a file being written), so that a reload never
    /// takes the leaf without its chain.
    /// </summary>
    /// <exception cref="InvalidOperationException">The files do not hold a certificate and its key (the message names them and says why).</exception>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) LoadServerCertificate(string certificate, string key)
    {
        try
        {
            string certificates = File.ReadAllText(certificate), keyText = File.ReadAllText(key);
            List<Range> blocks = CertificateBlocks(certificates);
            if (FirstNotWhole(certificates, blocks) is int broken)
            {
                int begun = certificates.AsSpan().Count(CertificateBegins);
                throw new CryptographicException($"{begun} certificate(s) begin in it, {blocks.Count} whole: certificate {broken + 1} of the file is cut off or damaged");
            }

            using X509Certificate2 pem = LeafWithKey(certificates, blocks, keyText);
            var chain = new X509Certificate2Collection();
            foreach (Range block in blocks[1..])
            {
                chain.Add(X509Certificate2.CreateFromPem(certificates.AsSpan()[block]));
            }

            // Through PKCS #12, so that the key is one every TLS implementation takes.
            return (X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), password: null), chain);
        }
        catch (Exception failure) when (failure is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read the TLS certificate {certificate} with its key {key}: {failure.Message}", failure);
        }
    }

    /// <summary>The file's first certificate with the key; a key that is another certificate's of the file says so.</summary>
    private static X509Certificate2 LeafWithKey(string certificates, List<Range> blocks, string key)
    {
        if (blocks.Count == 0)
        {
            throw new CryptographicException("it holds no certificate");
        }

        try
        {
            return X509Certificate2.CreateFromPem(certificates.AsSpan()[blocks[0]], key);
        }
        catch (ArgumentException mismatch)
        {
            int owner = blocks.FindIndex(1, block => IsKeyOf(certificates.AsSpan()[block], key));
            throw new CryptographicException(owner > 0 ? $"the key is that of certificate {owner + 1} of the file: the server's own must come first" : mismatch.Message, mismatch);
        }
    }

    private static bool IsKeyOf(ReadOnlySpan<char> certificate, string key)
    {
        try
        {
            using X509Certificate2 withKey = X509Certificate2.CreateFromPem(certificate, key);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The index, among the certificates that begin in <paramref name="pem"/>, of the first that is not a whole block
    /// (its end missing, or its base64 damaged), or null when every one is whole.
    /// </summary>
    private static int? FirstNotWhole(string pem, List<Range> blocks)
    {
        int index = 0, offset = 0;
        for (int begin; (begin = pem.AsSpan(offset).IndexOf(CertificateBegins)) >= 0; index++)
        {
            offset += begin;
            if (index == blocks.Count || blocks[index].Start.Value != offset)
            {
                return index;
            }

            offset += CertificateBegins.Length;
        }

        return null;
    }

    /// <summary>Where each whole <c>CERTIFICATE</c> block of a PEM text is, in its order.</summary>
    private static List<Range> CertificateBlocks(string pem)
    {
        var blocks = new List<Range>();
        int offset = 0;
        while (PemEncoding.TryFind(pem.AsSpan(offset), out PemFields fields))
        {
            if (pem.AsSpan(offset)[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                (int start, int length) = fields.Location.GetOffsetAndLength(pem.Length - offset);
                blocks.Add(new Range(offset + start, offset + start + length));
            }

            offset += fields.Location.End.GetOffset(pem.Length - offset);
        }

        return blocks;
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
