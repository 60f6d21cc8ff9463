package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each command type's key, its route (in sets, or alone as a restructure) and its case. */
class CommandTest {

    private static final EntityKey ORDER = new EntityKey("order", "42");
    private static final TagName VIP = TagName.parse("VIP");

    private static final List<Command> ONE_OF_EACH = List.of(
            new Command.Assign(ORDER, VIP),
            new Command.Unassign(ORDER, VIP),
            new Command.ReplaceTags(ORDER, Set.of(VIP)),
            new Command.DeleteEntity(ORDER),
            new Command.DefineTag(VIP, null, null),
            new Command.RenameTag(VIP, TagName.parse("Gold")),
            new Command.DeleteTag(VIP));

    @Test
    void entityCommandsAreKeyedByTheirEntityAndTagCommandsByTheTagsName() {
        assertThat(ONE_OF_EACH)
                .extracting(Command::key)
                .containsExactly("order:42", "order:42", "order:42", "order:42", "tag:vip", "tag:vip", "tag:vip");
    }

    @Test
    void onlyRenamesAndDeletesOfTagsRestructure() {
        assertThat(ONE_OF_EACH)
                .extracting(Command::restructures)
                .containsExactly(false, false, false, false, false, true, true);
    }

    @Test
    void eachCommandReachesTheCaseOfItsOwnType() {
        @SuppressWarnings("unchecked")
        Command.Cases<String> names = (Command.Cases<String>) Proxy.newProxyInstance(
                Command.Cases.class.getClassLoader(),
                new Class<?>[] {Command.Cases.class},
                (proxy, method, args) ->
                        method.getName() + ":" + args[0].getClass().getSimpleName());

        assertThat(ONE_OF_EACH.stream().map(command -> command.match(names)))
                .containsExactly(
                        "assign:Assign",
                        "unassign:Unassign",
                        "replaceTags:ReplaceTags",
                        "deleteEntity:DeleteEntity",
                        "defineTag:DefineTag",
                        "renameTag:RenameTag",
                        "deleteTag:DeleteTag");
    }

    @Test
    void theEntityOfAnEntityCommandAndNoneOfATagCommand() {
        assertThat(ONE_OF_EACH.stream().map(EntityBatchTagger::entityOf))
                .containsExactly(ORDER, ORDER, ORDER, ORDER, null, null, null);
    }
}
