using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Meridian.Net.Nts;

/// <summary>Trust anchors for NTS-KE clients from <c>ntstrustedcerts</c>-style paths: PEM files, or directories of them (*.pem, *.crt).</summary>
public static class NtsTrustStore
{
    /// <summary>The certificates of every path; null for no paths (the system store). Throws <see cref="NtsCertificateException"/> naming a path that gives none.</summary>
    public static X509Certificate2Collection? Load(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            return null;
        }

        var trust = new X509Certificate2Collection();
        foreach (string path in paths)
        {
            IEnumerable<string> files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".pem", StringComparison.Ordinal) || f.EndsWith(".crt", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                : [path];
            int before = trust.Count;
            foreach (string file in files)
            {
                try
                {
                    trust.ImportFromPemFile(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
                {
                    throw new NtsCertificateException($"ntstrustedcerts {file}: {e.Message}");
                }
            }

            if (trust.Count == before)
            {
                throw new NtsCertificateException($"ntstrustedcerts {path}: no PEM certificate found");
            }
        }

        return trust;
    }
}
