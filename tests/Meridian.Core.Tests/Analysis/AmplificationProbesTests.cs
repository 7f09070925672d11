using System.Buffers.Binary;
using Meridian.Core.Analysis;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Analysis;

/// <summary>The bytes of the audit's probes, field by field against the public protocol descriptions.</summary>
public class AmplificationProbesTests
{
    [Theory]
    [InlineData(AmplificationProbes.ImplementationXntpd, 192)]
    [InlineData(AmplificationProbes.ImplementationXntpdOld, 192)]
    [InlineData(AmplificationProbes.ImplementationXntpd, 48)]
    public void BuildsMonlist_AsAVersion2Mode7MonGetList1RequestOfTheGivenSize(byte implementation, int length)
    {
        byte[] request = AmplificationProbes.Monlist(implementation, length);

        Assert.Equal(length, request.Length);
        Assert.Equal(0x17, request[0]); // R 0, M 0, version 2, mode 7
        Assert.Equal(0x00, request[1]); // not authenticated, sequence 0
        Assert.Equal(implementation, request[2]);
        Assert.Equal(42, request[3]); // REQ_MON_GETLIST_1
        Assert.All(request[4..], b => Assert.Equal(0, b)); // no error, no items, MBZ, item size 0, zero data
    }

    [Theory]
    [InlineData(AmplificationProbes.OpcodeReadStatus, 1)]
    [InlineData(AmplificationProbes.OpcodeReadVariables, 2)]
    [InlineData(AmplificationProbes.OpcodeRequestNonce, 12)]
    public void BuildsControlRequests_AsTwelveByteVersion2Mode6HeadersWithTheOpcode(byte opcode, int expected)
    {
        byte[] request = AmplificationProbes.Control(opcode);

        Assert.Equal(12, request.Length);
        Assert.Equal(2, NtpHeader.ReadVersion(request));
        Assert.Equal(NtpMode.Control, NtpHeader.ReadMode(request));
        Assert.Equal(expected, request[1]); // R, E, M clear: a request, no error, no more
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(2)));
        Assert.All(request[4..], b => Assert.Equal(0, b)); // status, association, offset, count
    }

    [Theory]
    [InlineData(1, NtpMode.Reserved, 0x08)]
    [InlineData(2, NtpMode.Client, 0x13)]
    public void BuildsOldClientQueries_As48BytesWithTheVersionAndModeOldClientsSend(byte version, NtpMode mode, byte firstByte)
    {
        byte[] request = AmplificationProbes.ClientQuery(version, mode);

        Assert.Equal(48, request.Length);
        Assert.Equal(firstByte, request[0]);
        Assert.Equal(AmplificationProbes.ProbeTransmit, NtpTimestamp.Read(request.AsSpan(40)));
    }

    [Fact]
    public void BuildsThePaddedQuery_AsA468ByteV4RequestWithOneWellFormedExtensionField()
    {
        byte[] request = AmplificationProbes.PaddedClientQuery();

        Assert.Equal(468, request.Length);
        Assert.Equal(0x23, request[0]); // version 4, mode 3
        var reader = new ExtensionFieldReader(request.AsSpan(48), maxFields: 4);
        Assert.True(reader.TryReadNext(out ExtensionField field));
        Assert.Equal(AmplificationProbes.UnassignedFieldType, field.Type);
        Assert.Equal(420 - 4, field.Value.Length);
        Assert.True(reader.TryReadToEnd());
        Assert.Equal(1, reader.Count);
    }

    [Fact]
    public void CataloguesEveryProbeTheBriefNames_OnceEach_ManagementProbesFlagged()
    {
        var probes = AmplificationProbes.All;

        Assert.Equal(probes.Count, probes.Select(p => p.Name).Distinct().Count());
        Assert.Equal(3, probes.Count(p => p.Kind == ProbeKind.Private));
        Assert.Equal(3, probes.Count(p => p.Kind == ProbeKind.Control));
        Assert.Equal(3, probes.Count(p => p.Kind == ProbeKind.ClientQuery));
        Assert.All(probes, p => Assert.Equal(p.Kind switch
        {
            ProbeKind.Private => NtpMode.Private,
            ProbeKind.Control => NtpMode.Control,
            _ => NtpHeader.ReadVersion(p.Request.Span) == 1 ? NtpMode.Reserved : NtpMode.Client,
        }, NtpHeader.ReadMode(p.Request.Span)));
        Assert.Equal([192, 192, 48, 12, 12, 12, 48, 48, 468], probes.Select(p => p.Request.Length));
    }
}
