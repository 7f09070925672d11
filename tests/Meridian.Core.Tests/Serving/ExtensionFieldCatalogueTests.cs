using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>
/// Serving policy catalogue E and rules P8, P9: malformed extension fields, NTS fields with NTS off
/// and MACs are dropped; a valid unknown field gets a plain 48-byte answer that echoes nothing.
/// </summary>
public class ExtensionFieldCatalogueTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(17)]
    [InlineData(0xFFFF)]
    public void DropsAFieldWithABadLength(int fieldLength)
    {
        var harness = new ServingHarness();
        byte[] request = Requests.WithExtensionFields([(0x7777, 28)]);
        request[NtpHeader.Size + 2] = (byte)(fieldLength >> 8);
        request[NtpHeader.Size + 3] = (byte)fieldLength;

        Assert.Null(harness.Serve(request));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.ExtensionFieldMalformed));
    }

    [Fact]
    public void DropsAFieldRunningBeyondTheDatagram()
    {
        var harness = new ServingHarness();
        byte[] request = Requests.WithExtensionFields([(0x7777, 28)]);
        request[NtpHeader.Size + 3] = 32;

        Assert.Null(harness.Serve(request));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.ExtensionFieldMalformed));
    }

    [Fact]
    public void DropsSixtySmallFields()
    {
        var harness = new ServingHarness();
        byte[] request = Requests.WithExtensionFields([.. Enumerable.Repeat(((ushort)0x7777, 16), 60), (0x7777, 28)]);

        Assert.True(request.Length <= RequestClassifier.MaxRequestLength);
        Assert.Null(harness.Serve(request));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.ExtensionFieldMalformed));
    }

    [Fact]
    public void AnswersAValidUnknownField_WithAPlainHeaderThatEchoesNothingOfIt()
    {
        var harness = new ServingHarness();
        byte[] request = Requests.WithExtensionFields([(0x7777, 28), (0x7778, 64)]);

        byte[]? reply = harness.Serve(request);

        Assert.Equal(NtpHeader.Size, reply?.Length);
        Assert.Equal(harness.Serve(Requests.Client()), reply);
    }

    [Theory]
    [InlineData(0x0104)]
    [InlineData(0x0204)]
    [InlineData(0x0304)]
    [InlineData(0x0404)]
    public void DropsNtsFields_WhileNtsIsOff(ushort type)
    {
        var harness = new ServingHarness();

        Assert.Null(harness.Serve(Requests.WithExtensionFields([(type, 40)])));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.ExtensionFieldNts));
    }

    [Theory]
    [InlineData(4, 20, DropReason.AuthenticationUnknownKey)]
    [InlineData(4, 24, DropReason.AuthenticationUnknownKey)]
    [InlineData(4, 4, DropReason.AuthenticationCryptoNak)]
    [InlineData(3, 20, DropReason.AuthenticationUnknownKey)]
    [InlineData(3, 4, DropReason.AuthenticationCryptoNak)]
    [InlineData(3, 28, DropReason.ExtensionFieldMalformed)]
    [InlineData(4, 8, DropReason.ExtensionFieldMalformed)]
    public void DropsMacsAndOddTrailers_WithoutACryptoNak(byte version, int trailerLength, DropReason expected)
    {
        var harness = new ServingHarness();
        byte[] request = Requests.PadTo(Requests.Client(version), NtpHeader.Size + trailerLength);

        Assert.Null(harness.Serve(request));
        Assert.Equal(1, harness.Counters.Dropped(expected));
    }

    [Fact]
    public void DropsAValidFieldFollowedByAMac()
    {
        var harness = new ServingHarness();

        Assert.Null(harness.Serve(Requests.WithExtensionFields([(0x7777, 28)], macLength: 20)));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.AuthenticationUnknownKey));
    }
}
