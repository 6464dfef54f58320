using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runc.Sharp.Spec.Validation.Semantic;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

/// <summary>Random, reproducible mutations of the full config must never make validation throw.</summary>
public sealed class RobustnessTests
{
    private const int Iterations = 1500;

    private static readonly string[] OddStrings =
    [
        "", " ", "\0", "/", "..", "../..", "//", "a\nb", "\t", "\u2028", "💥", "ünï/cødé", "$['x']", "'",
        "\"", "\\", "-1", "0x10", "1e999", "SCMP_ACT_NOTIFY", "write", "bind", "idmap", "user", "net..x",
        "CAP_", "RLIMIT_", "::", "a:b:c", "0-", new string('x', 10_000), "\u0001\u0002\u001f",
    ];

    private static readonly string[] OddNumbers =
    [
        "0", "-1", "-2", "1", "1.5", "-0", "1e308", "-1e308", "1e999", "-1e999", "1e-400",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551615",
        "18446744073709551616", "123456789012345678901234567890123456789012345678901234567890",
        "4294967295", "4294967296", "1000000000",
    ];

    private static readonly string[] Keys =
    [
        "type", "path", "options", "destination", "source", "uidMappings", "gidMappings", "names", "action",
        "linux", "process", "namespaces", "sysctl", "size", "hostID", "containerID", "", "x.y", "timeOffsets",
        "listenerPath", "mode", "nodes", "flags", "policy", "priority", "limit", "swap", "cpus",
    ];

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 6).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_mutations_never_throw(int seed)
    {
        var random = new Random(seed);
        var original = JsonNode.Parse(FullConfigTests.FullConfigJson)!;
        for (var i = 0; i < Iterations; i++)
        {
            var root = original.DeepClone();
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations; m++)
            {
                root = Mutate(root, random);
            }

            AssertNeverThrows(Serialize(root));
        }
    }

    [Theory]
    [InlineData("""{"linux":{"namespaces":[{"type":"user"}]},"linux":5}""")]
    [InlineData("""{"linux":{"sysctl":{"a\ud800":"1","net.x":"1","net.x":2}},"process":{"env":["\udc00=1"],"cwd":"\ud800"}}""")]
    [InlineData("""{"mounts":[{"destination":"\ud800","options":["\udfff","bind"],"source":"\ud800"}],"annotations":{"\ud800":"x"}}""")]
    [InlineData("""{"process":{"rlimits":[{"type":"RLIMIT_NOFILE","soft":1e999,"hard":-1e999}]},"linux":{"resources":{"memory":{"limit":1e999,"swap":1e400}}}}""")]
    [InlineData("""{"linux":{"uidMappings":[{"containerID":-5,"hostID":1e30,"size":9223372036854775807},{"containerID":9223372036854775807,"hostID":0,"size":9223372036854775807}],"namespaces":[{"type":"user"}]}}""")]
    [InlineData("""{"linux":{"seccomp":{"syscalls":[{"names":"write","action":"SCMP_ACT_NOTIFY","args":{"index":1}}],"architectures":{},"flags":null}}}""")]
    public void Hand_written_oddities_never_throw(string json) => AssertNeverThrows(json);

    [Fact]
    public void Deep_nesting_never_throws()
    {
        var deep = new StringBuilder();
        const int depth = 900;
        deep.Append("{\"linux\":{\"resources\":");
        for (var i = 0; i < depth; i++)
        {
            deep.Append(i % 2 == 0 ? "[" : "{\"a\":");
        }

        deep.Append("1");
        for (var i = depth - 1; i >= 0; i--)
        {
            deep.Append(i % 2 == 0 ? "]" : "}");
        }

        deep.Append("},\"mounts\":").Append(new string('[', 500)).Append(new string(']', 500)).Append('}');
        AssertNeverThrows(deep.ToString());
    }

    private static void AssertNeverThrows(string json)
    {
        foreach (var options in new[] { SemanticOptions.Default, new SemanticOptions { SystemdCgroup = true, StrictMountDestinations = true, RequireProcess = false } })
        {
            IReadOnlyList<Validation.ValidationError> findings;
            try
            {
                findings = ValidateRaw(json, options);
            }
            catch (Exception ex)
            {
                Assert.Fail($"validation threw {ex} for {(json.Length > 2000 ? json[..2000] : json)}");
                return;
            }

            // Plain checks here: an assertion library call per iteration dominates the run time.
            if (findings.Any(f => f.Message.Contains("internal error") || !f.Path.StartsWith('$') || f.Message.Contains('\n')))
            {
                Assert.Fail("bad findings:\n" + Dump(findings));
            }
        }
    }

    private static string Serialize(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { MaxDepth = 2048, SkipValidation = true }))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static JsonNode? Mutate(JsonNode? root, Random random)
    {
        var targets = new List<JsonNode>();
        Collect(root, targets);
        if (targets.Count == 0 || random.Next(50) == 0)
        {
            return RandomValue(random, 0);
        }

        var target = targets[random.Next(targets.Count)];
        var parent = target.Parent;
        switch (random.Next(6))
        {
            case 0 when parent is not null:
                Replace(target, RandomValue(random, 0));
                break;
            case 1 when parent is JsonObject obj:
                obj.Remove(target.GetPropertyName());
                break;
            case 1 when parent is JsonArray arr:
                arr.Remove(target);
                break;
            case 2 when target is JsonObject obj:
                obj[Keys[random.Next(Keys.Length)] + (random.Next(3) == 0 ? "x" : string.Empty)] = RandomValue(random, 0);
                break;
            case 2 when target is JsonArray arr:
                arr.Insert(random.Next(arr.Count + 1), RandomValue(random, 0));
                break;
            case 3 when parent is not null:
                Replace(target, Nest(target.DeepClone(), random.Next(1, 60), random));
                break;
            case 4 when target is JsonArray arr && arr.Count > 0:
                arr.Add(arr[random.Next(arr.Count)]?.DeepClone());
                break;
            default:
                if (parent is not null)
                {
                    Replace(target, RandomScalar(random));
                }

                break;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, into);
                }

                break;
            case JsonArray arr:
                foreach (var child in arr)
                {
                    Collect(child, into);
                }

                break;
        }
    }

    private static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject obj:
                obj[target.GetPropertyName()] = value;
                break;
            case JsonArray arr:
                arr[arr.IndexOf(target)] = value;
                break;
        }
    }

    private static JsonNode Nest(JsonNode? inner, int depth, Random random)
    {
        var node = inner;
        for (var i = 0; i < depth; i++)
        {
            node = random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { [Keys[random.Next(Keys.Length)]] = node };
        }

        return node ?? new JsonArray();
    }

    private static JsonNode? RandomValue(Random random, int depth)
    {
        var choice = random.Next(depth > 3 ? 3 : 6);
        return choice switch
        {
            0 or 1 or 2 => RandomScalar(random),
            3 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
            4 => RandomObject(random, depth),
            _ => Nest(RandomScalar(random), random.Next(1, 40), random),
        };
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var obj = new JsonObject();
        for (var i = random.Next(4); i > 0; i--)
        {
            obj[Keys[random.Next(Keys.Length)]] = RandomValue(random, depth + 1);
        }

        return obj;
    }

    private static JsonNode? RandomScalar(Random random) => random.Next(5) switch
    {
        0 => JsonValue.Create(OddStrings[random.Next(OddStrings.Length)]),
        1 => JsonNode.Parse(OddNumbers[random.Next(OddNumbers.Length)]),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => null,
        _ => JsonValue.Create(random.Next(-3, 70000)),
    };
}
