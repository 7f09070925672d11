using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Meridian.Net.Tests.Nts;

/// <summary>
/// Throwaway certificates for NTS-KE tests, written as PEM files in a temporary directory: a CA
/// and a server certificate it signs (ECDSA P-256, or RSA 2048), for localhost and 127.0.0.1.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates(string subject = "meridian-test", bool rsa = false, string dnsName = "localhost")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("meridian-nts-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={subject} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = key is RSA r
            ? new CertificateRequest($"CN={subject}", r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={subject}", (ECDsa)key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using X509Certificate2 leaf = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4, 5, 6, 7, 8]);

        CaFile = Path.Combine(Directory, "ca.pem");
        CertFile = Path.Combine(Directory, "server.pem");
        KeyFile = Path.Combine(Directory, "server.key");
        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        File.WriteAllText(CertFile, leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem());
        File.WriteAllText(KeyFile, key is RSA rk ? rk.ExportPkcs8PrivateKeyPem() : ((ECDsa)key).ExportPkcs8PrivateKeyPem());
        Subject = leaf.Subject;
    }

    public string Directory { get; }

    public string CaFile { get; }

    public string CertFile { get; }

    public string KeyFile { get; }

    public string Subject { get; }

    public X509Certificate2Collection Trust()
    {
        var trust = new X509Certificate2Collection();
        trust.ImportFromPemFile(CaFile);
        return trust;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
