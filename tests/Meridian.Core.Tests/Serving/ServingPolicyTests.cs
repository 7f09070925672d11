using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Serving;

/// <summary>One writer per piece of state: each serving loop owns its policy and its random sequence.</summary>
public class ServingPolicyTests
{
    [Fact]
    public void GivesEachLoopItsOwnOpenPolicy_WithItsOwnRandomSequence()
    {
        ServingPolicy first = ServingPolicy.Open();
        ServingPolicy second = ServingPolicy.Open();

        Assert.NotSame(first, second);
        uint a = first.NextRandom();
        Assert.Equal(a, second.NextRandom());
    }

    [Fact]
    public void GivesEveryPathWithoutAPolicy_ItsOwn()
    {
        var one = new ServingPath(new RequestClassifier([]), new ServingCounters());
        var other = new ServingPath(new RequestClassifier([]), new ServingCounters());

        Assert.NotSame(one.Policy, other.Policy);
    }
}
