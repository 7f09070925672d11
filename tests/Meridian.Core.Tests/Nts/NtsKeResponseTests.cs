using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

public class NtsKeResponseTests
{
    private static readonly NtsAead[] Offered = [NtsAead.AesSivCmac256];

    [Fact]
    public void WritesARequestTheServerAccepts_OfferingTheAeadsInOrder()
    {
        var buffer = new byte[64];
        int length = NtsKeResponse.WriteRequest(buffer, [NtsAead.AesSivCmac512, NtsAead.AesSivCmac256]);

        Assert.Equal(NtsKeMessages.Request(17, 15), buffer[..length]);
    }

    [Fact]
    public void RefusesAnAeadTheClientDidNotOffer()
    {
        byte[] response = new NtsKeMessages().NextProtocol(0).Aead(17).Record(NtsKeRecordType.NewCookie, false, 1).End().ToArray();

        Assert.Equal(NtsKeResponseProblem.NoCommonAead, NtsKeResponse.Parse(response, Offered).Problem);
    }

    [Fact]
    public void ReportsNoCookies_WhenTheServerAgreesButSendsNone()
    {
        byte[] response = new NtsKeMessages().NextProtocol(0).Aead(15).End().ToArray();

        Assert.Equal(NtsKeResponseProblem.NoCookies, NtsKeResponse.Parse(response, Offered).Problem);
    }

    [Theory]
    [InlineData(0x0002, NtsKeResponseProblem.ServerError)]
    [InlineData(0x0003, NtsKeResponseProblem.UnrecognizedCriticalRecord)]
    [InlineData(0x1234, NtsKeResponseProblem.UnrecognizedCriticalRecord)]
    public void Fails_OnErrorWarningOrUnknownCriticalRecords(ushort type, NtsKeResponseProblem problem)
    {
        byte[] response = new NtsKeMessages().NextProtocol(0).Aead(15).Record(type, true, 0, 2).Record(NtsKeRecordType.NewCookie, false, 1).End().ToArray();

        Assert.Equal(problem, NtsKeResponse.Parse(response, Offered).Problem);
    }

    [Fact]
    public void Fails_OnARepeatedPortRecordOrANonAsciiServer()
    {
        byte[] twoPorts = new NtsKeMessages().NextProtocol(0).Aead(15).Record(7, true, 0, 1).Record(7, true, 0, 2).Record(5, false, 1).End().ToArray();
        byte[] badServer = new NtsKeMessages().NextProtocol(0).Aead(15).Record(6, true, 0x68, 0x00).Record(5, false, 1).End().ToArray();

        Assert.Equal(NtsKeResponseProblem.Malformed, NtsKeResponse.Parse(twoPorts, Offered).Problem);
        Assert.Equal(NtsKeResponseProblem.Malformed, NtsKeResponse.Parse(badServer, Offered).Problem);
    }
}
