using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Meridian.Configuration;
using Meridian.Core.Client;
using Meridian.Core.Nts;
using Meridian.Net;
using Meridian.Net.Nts;

namespace Meridian.Commands.Query;

/// <summary>
/// <c>meridian query --nts HOST</c>: NTS key establishment with HOST (TCP 4460 unless <c>--nts-port</c>)
/// and the negotiated parameters printed — the certificate, the AEAD, the cookies and where NTP is to
/// be sent — then one NTS-protected NTP exchange with that server (RFC 8915 §5.7): the sntp-style
/// line plus "authenticated" and the number of new cookies, or why the reply was not authenticated
/// (an NTS NAK, or no reply that verifies under the S2C key). Exit 0 only for authenticated time.
/// The packets are built and checked by <see cref="NtsClientRequest"/> and <see cref="NtsClientReply"/>.
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
        return Exchange(result, timeoutSeconds, output, error);
    }

    /// <summary>
    /// One authenticated exchange with the negotiated NTP server: each of its addresses in turn, one
    /// cookie each, until one answers (an authenticated reply or an NTS NAK).
    /// </summary>
    private static int Exchange(NtsKeResult ke, double timeoutSeconds, TextWriter output, TextWriter error)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(ke.NtpServer, out IPAddress? literal) ? [literal] : Dns.GetHostAddresses(ke.NtpServer);
        }
        catch (SocketException e)
        {
            error.WriteLine($"meridian query: cannot resolve the NTP server '{ke.NtpServer}': {e.Message}");
            return QueryCommand.ExitNoAnswer;
        }

        using var c2s = new AesSivCmac();
        using var s2c = new AesSivCmac();
        c2s.SetKey(ke.ClientToServerKey);
        s2c.SetKey(ke.ServerToClientKey);
        int exit = QueryCommand.ExitNoAnswer;
        for (int i = 0; i < addresses.Length && i < ke.Cookies.Count; i++)
        {
            var server = new IPEndPoint(addresses[i], ke.NtpPort);
            NtsClientRequest request = NtsClientRequest.Create(
                BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)), RandomNumberGenerator.GetBytes(NtsClientRequest.UniqueIdLength),
                ke.Cookies[i], Placeholders, c2s, RandomNumberGenerator.GetBytes(NtsClientRequest.NonceLength));
            NtsClientResult result = SntpClient.Exchange(
                server, request.Packet, TimeSpan.FromSeconds(timeoutSeconds),
                (ReadOnlySpan<byte> reply, Meridian.Protocol.NtpTimestamp t1, Meridian.Protocol.NtpTimestamp t4, out bool answer) =>
                {
                    NtsClientResult verdict = NtsClientReply.Evaluate(reply, request, s2c, t1, t4);
                    answer = verdict.Authentication != NtsAuthentication.NotAuthenticated;
                    return verdict;
                },
                NtsClientResult.Failed);
            if (result.HasAuthenticatedTime)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{SntpText.Line(server, result.Sntp)} authenticated, {result.Cookies.Count} new cookies"));
                return 0;
            }

            error.WriteLine($"meridian query: {ListenAddress.Format(server)}: {Failure(result, timeoutSeconds)}");
            exit = QueryCommand.ExitNoAnswer;
        }

        return exit;
    }

    /// <summary>A request spends one cookie and asks for one more, so a client would hold as many as before plus one.</summary>
    private const int Placeholders = 1;

    /// <summary>Why an NTS exchange gave no authenticated time, for people.</summary>
    public static string Failure(NtsClientResult result, double timeoutSeconds) => result.Authentication switch
    {
        NtsAuthentication.Nak => "NTS NAK (kiss NTSN): the server did not accept the cookie; a fresh NTS-KE is needed",
        NtsAuthentication.NotAuthenticated when result.Sntp.Status is SntpStatus.NoReply or SntpStatus.Refused =>
            SntpText.Failure(result.Sntp, timeoutSeconds),
        NtsAuthentication.NotAuthenticated =>
            $"not authenticated: no reply echoed the unique id with an authenticator that verifies under the S2C key (last datagram: {SntpText.Failure(result.Sntp, timeoutSeconds)})",
        _ => $"authenticated, but no time: {SntpText.Failure(result.Sntp, timeoutSeconds)}",
    };

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
