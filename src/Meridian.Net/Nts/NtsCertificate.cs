using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Meridian.Net.Nts;

/// <summary>
/// The NTS-KE server's certificate chain and private key, read from PEM files (<c>ntsservercert</c>,
/// <c>ntsserverkey</c>): the leaf first, then the intermediates, as chrony and web servers take
/// them. The key must match the leaf; RSA (signed with RSA-PSS), ECDSA P-256/P-384 and Ed25519 keys
/// are taken. Immutable: a reload builds a new one and swaps it in.
/// </summary>
public sealed class NtsCertificate
{
    private NtsCertificate(IReadOnlyList<byte[]> chain, AsymmetricKeyParameter key, SignatureAndHashAlgorithm[] schemes, X509Certificate2 leaf, string certFile)
    {
        Chain = chain;
        PrivateKey = key;
        Schemes = schemes;
        Subject = leaf.Subject;
        NotAfter = leaf.NotAfter.ToUniversalTime();
        Thumbprint = leaf.Thumbprint;
        CertificateFile = certFile;
    }

    /// <summary>The DER certificates, leaf first.</summary>
    public IReadOnlyList<byte[]> Chain { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>The TLS 1.3 signature schemes this key can sign with, in order of preference.</summary>
    internal SignatureAndHashAlgorithm[] Schemes { get; }

    public string Subject { get; }

    public DateTime NotAfter { get; }

    public string Thumbprint { get; }

    public string CertificateFile { get; }

    /// <summary>Reads and checks the pair; throws <see cref="NtsCertificateException"/> with the file and the reason.</summary>
    public static NtsCertificate Load(string certFile, string keyFile)
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPemFile(certFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new NtsCertificateException($"ntsservercert {certFile}: {e.Message}");
        }

        if (chain.Count == 0)
        {
            throw new NtsCertificateException($"ntsservercert {certFile}: no PEM certificate in the file");
        }

        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new NtsCertificateException($"ntsserverkey {keyFile}: {e.Message} (the key must be the PEM private key of the first certificate in {certFile})");
        }

        using (leaf)
        {
            (byte[] pkcs8, SignatureAndHashAlgorithm[] schemes) = ExportKey(leaf, keyFile);
            AsymmetricKeyParameter key = PrivateKeyFactory.CreateKey(pkcs8);
            CryptographicOperations.ZeroMemory(pkcs8);
            return new NtsCertificate(chain.Select(c => c.RawData).ToList(), key, schemes, leaf, certFile);
        }
    }

    /// <summary>The chain as BouncyCastle's TLS 1.3 Certificate message.</summary>
    internal Certificate TlsCertificate(BcTlsCrypto crypto) =>
        new(TlsUtilities.EmptyBytes, Chain.Select(der => new CertificateEntry(new BcTlsCertificate(crypto, der), null)).ToArray());

    private static (byte[] Pkcs8, SignatureAndHashAlgorithm[] Schemes) ExportKey(X509Certificate2 leaf, string keyFile)
    {
        if (leaf.GetECDsaPrivateKey() is ECDsa ec)
        {
            using (ec)
            {
                SignatureAndHashAlgorithm scheme = ec.KeySize switch
                {
                    256 => SignatureAndHashAlgorithm.GetInstance(Org.BouncyCastle.Tls.HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
                    384 => SignatureAndHashAlgorithm.GetInstance(Org.BouncyCastle.Tls.HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
                    _ => throw new NtsCertificateException($"ntsserverkey {keyFile}: an ECDSA key of {ec.KeySize} bits (TLS 1.3 here takes P-256 or P-384)"),
                };
                return (ec.ExportPkcs8PrivateKey(), [scheme]);
            }
        }

        if (leaf.GetRSAPrivateKey() is RSA rsa)
        {
            using (rsa)
            {
                return (rsa.ExportPkcs8PrivateKey(), [SignatureAndHashAlgorithm.rsa_pss_rsae_sha256, SignatureAndHashAlgorithm.rsa_pss_rsae_sha384, SignatureAndHashAlgorithm.rsa_pss_rsae_sha512]);
            }
        }

        throw new NtsCertificateException($"ntsserverkey {keyFile}: only RSA and ECDSA keys are taken");
    }
}
