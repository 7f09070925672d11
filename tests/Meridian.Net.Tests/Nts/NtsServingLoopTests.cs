using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Meridian.Core.Access;
using Meridian.Core.Nts;
using Meridian.Core.Serving;
using Meridian.Net.Nts;
using Meridian.Protocol;

namespace Meridian.Net.Tests.Nts;

/// <summary>
/// NTS end to end over the real UDP serving loop on loopback: a client holding keys and cookies
/// from the server's own issuer (as after NTS-KE) gets authenticated replies with fresh cookies;
/// cookies survive rotation for their lifetime and a restart with the same <c>ntsdumpdir</c>.
/// </summary>
public sealed class NtsServingLoopTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("meridian-nts-").FullName;
    private readonly List<string> _warnings = [];

    [Fact]
    public void AnswersAuthenticatedRequests_WithFreshCookies_OverTheUdpLoop()
    {
        NtsKeyStore store = Store();
        using var issuer = new NtsCookieIssuer(store.Ring);
        using var session = new NtsClientSession(issuer, cookies: 1);
        using var engine = Start(store.Ring);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        for (int exchange = 0; exchange < 3; exchange++)
        {
            byte[] request = session.Request(placeholders: exchange);
            byte[]? reply = client.Exchange(engine.LocalEndPoints[0], request);
            Assert.NotNull(reply);
            Assert.True(reply.Length <= request.Length);
            Assert.Equal(1 + exchange, session.Accept(reply));
        }

        Assert.Equal(3, engine.Counters().NtsAuthenticated);
        Assert.Equal(1 - 3 + (1 + 2 + 3), session.CookiesHeld); // one from KE, three spent, six received
    }

    [Fact]
    public void SendsNtsNak_ForACookieUnderAnUnknownKey()
    {
        NtsKeyStore store = Store();
        NtsKeyStore other = NtsKeyStore.Open(null, NtsKeyRing.DefaultRotationSeconds, _warnings.Add);
        using var foreignIssuer = new NtsCookieIssuer(other.Ring);
        using var session = new NtsClientSession(foreignIssuer, cookies: 1);
        using var engine = Start(store.Ring);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        byte[]? reply = client.Exchange(engine.LocalEndPoints[0], session.Request());

        AssertNak(reply, session.UniqueId);
        Assert.Equal(1, engine.Counters().NtsNaks);
    }

    [Fact]
    public void CountsMalformedAndBadlyAuthenticatedRequests_AndAnswersNeither()
    {
        NtsKeyStore store = Store();
        using var issuer = new NtsCookieIssuer(store.Ring);
        using var session = new NtsClientSession(issuer, cookies: 3);
        using var engine = Start(store.Ring);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        byte[] truncated = session.Request();
        truncated = truncated.AsSpan(0, truncated.Length - 40).ToArray(); // no authenticator
        byte[] tampered = session.Request();
        tampered[NtpHeader.Size + 10] ^= 1; // inside the unique id: associated data
        client.Send(engine.LocalEndPoints[0], truncated);
        client.Send(engine.LocalEndPoints[0], tampered);
        Assert.NotNull(client.Exchange(engine.LocalEndPoints[0], session.Request())); // in order: the two before were handled
        engine.WaitUntilAllHandled();

        ServingCountersSnapshot counters = engine.Counters();
        Assert.Equal(1, counters.Drops[DropReason.NtsMalformed]);
        Assert.Equal(1, counters.Drops[DropReason.NtsBadAuthenticator]);
        Assert.Equal(1, counters.NtsAuthenticated);
        Assert.Equal(1, counters.Served);
    }

    [Fact]
    public void KeepsCookiesValidAcrossARestart_WithTheSameDumpDirectory()
    {
        NtsKeyStore before = Store();
        using var issuer = new NtsCookieIssuer(before.Ring);
        using var session = new NtsClientSession(issuer, cookies: 2);

        NtsKeyStore after = Store(); // a restart: the keys come back from ntsdumpdir
        using var engine = Start(after.Ring);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        Assert.Equal(before.Ring.Current.Current.Id, after.Ring.Current.Current.Id);
        Assert.Equal(1, session.Accept(client.Exchange(engine.LocalEndPoints[0], session.Request())!));
        Assert.Empty(_warnings);
        Assert.Equal([NtsKeyStore.FileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void StartsWithNewKeysAndWarns_WhenTheKeyFileIsDamaged()
    {
        NtsKeyStore before = Store();
        using var issuer = new NtsCookieIssuer(before.Ring);
        using var session = new NtsClientSession(issuer, cookies: 1);
        string path = Path.Combine(_directory, NtsKeyStore.FileName);
        File.WriteAllText(path, File.ReadAllText(path)[..60]);

        NtsKeyStore after = Store();
        using var engine = Start(after.Ring);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        string warning = Assert.Single(_warnings);
        Assert.Contains("damaged", warning);
        Assert.Contains(path, warning);
        AssertNak(client.Exchange(engine.LocalEndPoints[0], session.Request()), session.UniqueId);
        Assert.True(NtsKeyFile.TryParse(File.ReadAllText(path), out _, out _), "the damaged file is replaced by the new keys");
    }

    [Fact]
    public void KeepsOldCookiesValidAcrossTwoRotations_AndNaksThemAfterTheThird()
    {
        NtsKeyStore store = Store();
        using var issuer = new NtsCookieIssuer(store.Ring);
        using var session = new NtsClientSession(issuer, cookies: 4);
        using var engine = Start(store.Ring);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        long now = store.Ring.Current.Current.CreatedUnixSeconds;
        long rotation = store.Ring.Current.RotationSeconds;

        for (int rotations = 1; rotations <= 3; rotations++)
        {
            Assert.True(store.Maintain(now + rotations * rotation), $"rotation {rotations}");
            byte[] request = session.Request();
            byte[]? reply = client.Exchange(engine.LocalEndPoints[0], request);
            if (rotations <= 2) // the current key and the two before it are kept
            {
                Assert.Equal(1, session.Accept(reply!));
            }
            else
            {
                AssertNak(reply, session.UniqueId);
            }
        }

        Assert.False(store.Maintain(now + 3 * rotation + 1), "not due again");
        Assert.True(NtsKeyFile.TryParse(File.ReadAllText(store.FilePath!), out NtsKeyRing? saved, out _));
        Assert.Equal(store.Ring.Current.Keys.Select(k => k.Id), saved!.Keys.Select(k => k.Id));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static ServingEngine Start(NtsKeyRingCell ring, AccessList? access = null) =>
        TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now())),
            () => new ServingPolicy(access ?? AccessList.Unrestricted, null, null, 3, new NtsResponder(ring, RandomNumberGenerator.Fill)));

    private static void AssertNak(byte[]? reply, byte[] uniqueId)
    {
        Assert.NotNull(reply);
        Assert.Equal(0, reply[NtpHeader.StratumOffset]);
        Assert.Equal(KissCode.Ntsn, ReferenceId.Read(reply.AsSpan(NtpHeader.ReferenceIdOffset)));
        Assert.Equal(uniqueId, reply.AsSpan(NtpHeader.Size + 4, uniqueId.Length).ToArray());
    }

    private NtsKeyStore Store() => NtsKeyStore.Open(_directory, NtsKeyRing.DefaultRotationSeconds, _warnings.Add);
}
