using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

public class NtsKeRecordsTests
{
    [Fact]
    public void FramesAMessage_UpToAndIncludingEndOfMessage()
    {
        byte[] request = NtsKeMessages.Request(15);
        byte[] withMore = [.. request, .. request];

        Assert.Equal(NtsKeFraming.Complete, NtsKeRecords.Frame(withMore, 1024, 16, out int length));
        Assert.Equal(request.Length, length);
    }

    [Fact]
    public void SaysIncomplete_ForEveryPrefixOfAMessage()
    {
        byte[] request = NtsKeMessages.Request(15, 17);
        for (int i = 0; i < request.Length; i++)
        {
            Assert.Equal(NtsKeFraming.Incomplete, NtsKeRecords.Frame(request.AsSpan(0, i), 1024, 16, out _));
        }
    }

    [Fact]
    public void SaysTooLarge_AsSoonAsARecordHeaderDeclaresMoreThanTheLimit()
    {
        byte[] header = [0x00, 0x05, 0x10, 0x00];

        Assert.Equal(NtsKeFraming.TooLarge, NtsKeRecords.Frame(header, 1024, 16, out _));
        Assert.Equal(NtsKeFraming.Incomplete, NtsKeRecords.Frame(header, 8192, 16, out _));
    }

    [Fact]
    public void SaysTooLarge_ForMoreRecordsThanTheLimit()
    {
        var message = new NtsKeMessages();
        for (int i = 0; i < 20; i++)
        {
            message.Record(0x4000, false);
        }

        Assert.Equal(NtsKeFraming.TooLarge, NtsKeRecords.Frame(message.End().ToArray(), 1024, 16, out _));
        Assert.Equal(NtsKeFraming.Complete, NtsKeRecords.Frame(message.ToArray(), 1024, 32, out _));
    }

    [Fact]
    public void ReadsTheCriticalBitApartFromTheType()
    {
        byte[] bytes = new NtsKeMessages().Record(0x7FFF, true, 1, 2, 3).Record(4, false).ToArray();
        int offset = 0;

        Assert.True(NtsKeRecords.TryRead(bytes, ref offset, out NtsKeRecord first));
        Assert.True(first.Critical);
        Assert.Equal(0x7FFF, first.Type);
        Assert.Equal(new byte[] { 1, 2, 3 }, first.Body.ToArray());
        Assert.True(NtsKeRecords.TryRead(bytes, ref offset, out NtsKeRecord second));
        Assert.False(second.Critical);
        Assert.True(second.Is(NtsKeRecordType.AeadAlgorithmNegotiation));
        Assert.False(NtsKeRecords.TryRead(bytes, ref offset, out _));
    }

    [Fact]
    public void WritesNothing_WhenTheRecordDoesNotFit()
    {
        Assert.Equal(0, NtsKeRecords.Write(new byte[5], NtsKeRecordType.NewCookie, false, new byte[2]));
        Assert.Equal(6, NtsKeRecords.Write(new byte[6], NtsKeRecordType.NewCookie, false, new byte[2]));
    }

    [Fact]
    public void ExporterContext_IsProtocolAeadAndDirection()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 15, 0 }, NtsKeAeads.ExporterContext(NtsAead.AesSivCmac256, serverToClient: false));
        Assert.Equal(new byte[] { 0, 0, 0, 17, 1 }, NtsKeAeads.ExporterContext(NtsAead.AesSivCmac512, serverToClient: true));
        Assert.Equal(64, NtsKeAeads.KeyLength(NtsAead.AesSivCmac512));
    }
}
