using System.CommandLine;
using Meridian.Commands.ManPage;

namespace Meridian.Tests.Commands;

/// <summary>The manual pages are generated from the command tree and the configuration reference, so every command, option and directive is in them.</summary>
public class ManPageTests
{
    [Fact]
    public void MeridianEight_DescribesEveryCommandAndOption_OfTheHelp()
    {
        RootCommand root = Program.BuildCommand();
        string page = ManPageCommand.Render("meridian.8", root)!;

        foreach (Command command in Leaves(root).Where(c => !c.Hidden))
        {
            Assert.Contains(command.Description!.Replace("-", "\\-"), page);
            foreach (Option option in command.Options.Where(o => !o.Hidden))
            {
                Assert.Contains("\\fB" + option.Name.Replace("-", "\\-") + "\\fR", page);
            }
        }
    }

    [Fact]
    public void MeridianConfFive_HasAParagraphForEveryDirectiveOfTheReference()
    {
        string page = ManPageCommand.Render("meridian.conf.5", Program.BuildCommand())!;
        string reference = File.ReadAllText(Path.Combine(Architecture.RepositoryRoot.Find(), "docs", "configuration.md"));
        var directives = reference.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|')[1].Trim())
            .ToList();

        Assert.NotEmpty(directives);
        string[] lines = page.Split('\n');
        foreach (string directive in directives)
        {
            string tagged = directive.Replace("`", "").Split(',')[0].Replace("-", "\\-");
            Assert.Contains(lines.Select((l, i) => (l, i)), x => x.l == ".TP" && lines[x.i + 1].Contains(tagged, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RefusesAnUnknownPage()
    {
        Assert.Null(ManPageCommand.Render("meridian.1", Program.BuildCommand()));
    }

    private static IEnumerable<Command> Leaves(Command command) =>
        command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);
}
