using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Meridian.Core.Nts;
using Meridian.Core.Sync;
using Meridian.Core.Time;

namespace Meridian.Net.Nts;

/// <summary>
/// The NTS side of the upstream sources marked <c>nts</c>, owned by the sync thread: NTS-KE (TLS, on a
/// task) with each source's address, its keys and cookies kept in a <see cref="NtsUpstreamSession"/>,
/// every request sealed before it is sent to the NTP server the KE named, and every reply checked
/// before the synchronizer sees it — so only authenticated replies become samples. NTS-KE runs again
/// when the cookies run out or after an NTS NAK, and after a failure only once its backoff
/// (<see cref="NtsKeBackoff"/>) has passed; meanwhile each poll is reported as that source's failure
/// with the reason (<c>meridian peers</c> shows it).
/// </summary>
internal sealed class NtsUpstreams(X509Certificate2Collection? trust, Action<string> log) : IDisposable
{
    private static readonly TimeSpan KeTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<int, Entry> _entries = [];
    private readonly ConcurrentQueue<(int SourceId, NtsKeResult Result, IPEndPoint? Ntp)> _done = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// The request as it goes out for an NTS source: sealed, to the negotiated NTP server. Null (with
    /// <paramref name="failure"/>) when there are no usable keys yet; an NTS-KE is started if due.
    /// </summary>
    public OutgoingRequest? Prepare(OutgoingRequest request, MonotonicTime now, out string? failure)
    {
        Collect(now);
        if (!_entries.TryGetValue(request.SourceId, out Entry? entry))
        {
            _entries[request.SourceId] = entry = new Entry();
        }

        if (entry.Session is { NeedsKeyEstablishment: false } session && entry.Ntp is IPEndPoint ntp
            && session.Seal(request.Packet, RandomNumberGenerator.GetBytes(NtsClientRequest.UniqueIdLength), RandomNumberGenerator.GetBytes(NtsClientRequest.NonceLength)) is byte[] packet)
        {
            failure = null;
            return request with { Packet = packet, Destination = SocketEndpoints.FromIPEndPoint(ntp) };
        }

        if (!entry.KeRunning && now >= entry.NextAttempt)
        {
            string why = entry.Session is { Refused: true } ? "after an NTS NAK" : entry.Session is null ? "first" : "cookies used up";
            entry.KeRunning = true;
            entry.Status = $"NTS-KE with {request.Nts!.Host} under way ({why})";
            _ = ExchangeAsync(request.SourceId, request.Nts!, ToIPEndPoint(request.Destination));
        }

        failure = entry.Status ?? "NTS: no keys yet";
        return null;
    }

    /// <summary>
    /// True when the synchronizer may see <paramref name="packet"/>: not an NTS source, or an
    /// authenticated reply. Otherwise <paramref name="failure"/> says why it was dropped.
    /// </summary>
    public bool Accept(int sourceId, ReadOnlySpan<byte> packet, out string? failure)
    {
        failure = null;
        if (!_entries.TryGetValue(sourceId, out Entry? entry))
        {
            return true;
        }

        switch (entry.Session?.Accept(packet) ?? NtsAuthentication.NotAuthenticated)
        {
            case NtsAuthentication.Authenticated:
                return true;
            case NtsAuthentication.Nak:
                failure = entry.Status = "NTS NAK (kiss NTSN): the server refused the cookie; a fresh NTS-KE follows";
                return false;
            default:
                failure = "NTS: the reply did not authenticate (unique id not echoed or authenticator not valid under the S2C key): dropped";
                return false;
        }
    }

    /// <summary>NTS sources with keys, a KE under way or a failure on record.</summary>
    public int Count => _entries.Count;

    /// <summary>Forgets the sources no longer configured (a reload, a replaced pool address): their keys and cookies go.</summary>
    public void Retain(IEnumerable<int> sourceIds)
    {
        var keep = sourceIds.ToHashSet();
        foreach (int id in _entries.Keys.Where(id => !keep.Contains(id)).ToList())
        {
            _entries[id].Session?.Dispose();
            _entries.Remove(id);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (Entry entry in _entries.Values)
        {
            entry.Session?.Dispose();
        }

        _stopping.Dispose();
    }

    /// <summary>Takes in the NTS-KE exchanges that finished (on the sync thread).</summary>
    private void Collect(MonotonicTime now)
    {
        while (_done.TryDequeue(out var done))
        {
            if (!_entries.TryGetValue(done.SourceId, out Entry? entry))
            {
                continue;
            }

            entry.KeRunning = false;
            NtsKeResult result = done.Result;
            if (result.Succeeded && done.Ntp is IPEndPoint ntp)
            {
                entry.Session?.Dispose();
                entry.Session = new NtsUpstreamSession(result.ClientToServerKey, result.ServerToClientKey, result.Cookies);
                entry.Ntp = ntp;
                entry.Failures = 0;
                entry.Status = null;
                log($"NTS-KE with {result.ServerCertificate}: AEAD {(ushort)result.Aead!.Value}, {result.Cookies.Count} cookies, NTP at {ntp}");
                continue;
            }

            entry.Failures++;
            double backoff = NtsKeBackoff.Seconds(entry.Failures);
            entry.NextAttempt = now.AddSeconds(backoff);
            string reason = result.Succeeded ? $"cannot resolve the NTP server '{result.NtpServer}'" : $"{Reason(result)}: {result.Detail}";
            entry.Status = $"NTS-KE failed ({reason}); next attempt in {backoff:0} s; not selectable until NTS works";
            log(entry.Status);
        }
    }

    private async Task ExchangeAsync(int sourceId, NtsUpstream nts, IPEndPoint address)
    {
        NtsKeResult result;
        IPEndPoint? ntp = null;
        try
        {
            var options = new NtsKeClientOptions { Host = nts.Host, Address = address.Address, Port = nts.KePort, TrustedCertificates = trust, Timeout = KeTimeout };
            result = await NtsKeClient.ExchangeAsync(options, _stopping.Token).ConfigureAwait(false);
            if (result.Succeeded)
            {
                ntp = await NtpServer(result, nts.Host, address).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        _done.Enqueue((sourceId, result, ntp));
    }

    /// <summary>Where NTP goes: the KE host's own address unless the Server Negotiation record named another host.</summary>
    private static async Task<IPEndPoint?> NtpServer(NtsKeResult result, string host, IPEndPoint keAddress)
    {
        if (string.Equals(result.NtpServer, host, StringComparison.OrdinalIgnoreCase) || result.NtpServer == keAddress.Address.ToString())
        {
            return new IPEndPoint(keAddress.Address, result.NtpPort);
        }

        try
        {
            IPAddress[] found = IPAddress.TryParse(result.NtpServer, out IPAddress? literal) ? [literal] : await Dns.GetHostAddressesAsync(result.NtpServer).ConfigureAwait(false);
            IPAddress? chosen = found.FirstOrDefault(a => a.AddressFamily == keAddress.AddressFamily) ?? found.FirstOrDefault();
            return chosen is null ? null : new IPEndPoint(chosen, result.NtpPort);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static IPEndPoint ToIPEndPoint(Meridian.Core.NetEndpoint endpoint)
    {
        Span<byte> address = stackalloc byte[16];
        int length = endpoint.WriteAddress(address);
        return new IPEndPoint(new IPAddress(address[..length]), endpoint.Port);
    }

    private static string Reason(NtsKeResult result) =>
        result.Failure == NtsKeFailure.Response ? $"response: {result.ResponseProblem}" : result.Failure.ToString().ToLowerInvariant();

    private sealed class Entry
    {
        public NtsUpstreamSession? Session { get; set; }

        public IPEndPoint? Ntp { get; set; }

        public bool KeRunning { get; set; }

        public int Failures { get; set; }

        public MonotonicTime NextAttempt { get; set; }

        public string? Status { get; set; }
    }
}
