using System.Globalization;
using Meridian.Core.Nts;
using Meridian.Net.Nts;

namespace Meridian.Commands.Query;

/// <summary>
/// <c>meridian query --nts HOST</c>: NTS key establishment with HOST (TCP 4460 unless <c>--nts-port</c>)
/// and the negotiated parameters printed — the certificate, the AEAD, the cookies and where NTP is to
/// be sent. The authenticated NTP exchange that should follow needs the NTS packet side and is not
/// done yet; the command says so.
/// </summary>
public static class NtsQuery
{
    public static int Run(string host, int port, IReadOnlyList<string> trust, double timeoutSeconds, TextWriter output, TextWriter error)
    {
        NtsKeClientOptions options;
        try
        {
            options = new NtsKeClientOptions
            {
                Host = host,
                Port = port,
                TrustedCertificates = NtsTrustStore.Load(trust),
                Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            };
        }
        catch (NtsCertificateException e)
        {
            error.WriteLine($"meridian query: {e.Message}");
            return CommandLine.ExitUsage;
        }

        NtsKeResult result = NtsKeClient.ExchangeAsync(options).GetAwaiter().GetResult();
        if (!result.Succeeded)
        {
            error.WriteLine($"meridian query: {host} port {port}: NTS-KE failed ({Reason(result)}): {result.Detail}");
            return QueryCommand.ExitNoAnswer;
        }

        output.WriteLine(Line(host, port, result));
        output.WriteLine("NTS-KE only: the authenticated NTP exchange is not implemented yet");
        return 0;
    }

    /// <summary>One line: the KE server, its certificate, the AEAD, the cookies and the NTP server.</summary>
    public static string Line(string host, int port, NtsKeResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{host} port {port}: NTS-KE ok, TLS 1.3 {NtsKeAeads.AlpnProtocol}, certificate {result.ServerCertificate}; ")
        + string.Create(CultureInfo.InvariantCulture, $"AEAD {AeadName(result.Aead!.Value)} ({(ushort)result.Aead.Value}), {result.Cookies.Count} cookies of {string.Join("/", result.Cookies.Select(c => c.Length).Distinct())} bytes; ")
        + string.Create(CultureInfo.InvariantCulture, $"NTP at {result.NtpServer} port {result.NtpPort}");

    private static string AeadName(NtsAead aead) => aead switch
    {
        NtsAead.AesSivCmac256 => "AEAD_AES_SIV_CMAC_256",
        NtsAead.AesSivCmac512 => "AEAD_AES_SIV_CMAC_512",
        _ => aead.ToString(),
    };

    private static string Reason(NtsKeResult result) =>
        result.Failure == NtsKeFailure.Response ? $"response: {result.ResponseProblem}" : result.Failure.ToString().ToLowerInvariant();
}
