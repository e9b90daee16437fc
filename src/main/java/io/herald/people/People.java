package io.herald.people;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.herald.common.Refusal;
import io.herald.security.AccountStatus;
import io.herald.security.PasswordRules;
import io.herald.security.Role;
import io.herald.security.StaffAccount;
import io.herald.security.UserAccounts;
import io.herald.subscriber.MailingLists;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * What admins do with people, and what people do with their own account: invite (an account waiting for its
 * password, and an email with a single-use link), change role, lists or status, remove, accept an invitation,
 * change a password. There is always one active admin left: the last one cannot be demoted, disabled or removed.
 */
@ApplicationScoped
public class People {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    /** A change to an account; absent parts stay as they are. */
    public record Change(
            Optional<Role> role,
            Optional<AccountStatus> status,
            Optional<String> email,
            Optional<List<String>> lists) {}

    private final UserAccounts accounts;
    private final Invitations invitations;
    private final InviteMail mail;
    private final PasswordRules rules;
    private final MailingLists lists;

    People(UserAccounts accounts, Invitations invitations, InviteMail mail, PasswordRules rules, MailingLists lists) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.mail = mail;
        this.rules = rules;
        this.lists = lists;
    }

    public List<StaffAccount> page(int offset, int limit) throws SQLException {
        return accounts.page(offset, limit);
    }

    public long count() throws SQLException {
        return accounts.count();
    }

    public StaffAccount get(String name) throws SQLException {
        return accounts.find(name).orElseThrow(() -> Refusal.notFound("name", "no person named " + name));
    }

    /** Makes an invited account and emails the person a link to choose their password. */
    public StaffAccount invite(String name, String email, Role role, List<String> listIds, String by)
            throws SQLException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refusal.invalid(
                    "name", "2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String address = email(email);
        List<String> checked = lists(listIds);
        StaffAccount account =
                accounts.create(name, address, role, AccountStatus.INVITED, "local", checked, Optional.empty());
        sendInvitation(account, by);
        return account;
    }

    /** A new invitation for someone who has not accepted theirs (the old link stops working). */
    public StaffAccount reinvite(String name, String by) throws SQLException {
        StaffAccount account = get(name);
        if (account.status() != AccountStatus.INVITED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "name", name + " has already chosen a password");
        }
        sendInvitation(account, by);
        return account;
    }

    private void sendInvitation(StaffAccount account, String by) throws SQLException {
        String token = invitations.issue(account.name(), by);
        mail.send(
                account.email(),
                account.name(),
                account.role().text(),
                by,
                token,
                Math.max(1, invitations.ttl().toHours()));
    }

    /** Changes an account; its open sessions end. Returns the account before and after. */
    public StaffAccount[] change(String name, Change change, String by) throws SQLException {
        StaffAccount before = get(name);
        Role role = change.role().orElse(before.role());
        AccountStatus status = change.status().orElse(before.status());
        if (status == AccountStatus.INVITED && before.status() != AccountStatus.INVITED) {
            throw Refusal.invalid("status", "an account that has a password is active or disabled");
        }
        if (before.status() == AccountStatus.INVITED && status == AccountStatus.ACTIVE) {
            throw Refusal.invalid("status", name + " becomes active by accepting the invitation");
        }
        String email = change.email().isPresent() ? email(change.email().get()) : before.email();
        List<String> listIds = change.lists().isPresent() ? lists(change.lists().get()) : before.lists();
        boolean stillAdmin = role == Role.ADMIN && status == AccountStatus.ACTIVE;
        if (isActiveAdmin(before) && !stillAdmin && accounts.activeAdmins() <= 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, "role", "the last active admin cannot be demoted or disabled");
        }
        StaffAccount after = accounts.change(name, role, status, email, listIds);
        return new StaffAccount[] {before, after};
    }

    public StaffAccount remove(String name, String by) throws SQLException {
        StaffAccount before = get(name);
        if (isActiveAdmin(before) && accounts.activeAdmins() <= 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, "name", "the last active admin cannot be removed");
        }
        invitations.forget(name);
        accounts.remove(name);
        return before;
    }

    /** The person an invitation link is for, while it works. */
    public Optional<StaffAccount> invited(String token) throws SQLException {
        Optional<String> name = invitations.open(token);
        return name.isEmpty() ? Optional.empty() : accounts.find(name.get());
    }

    /** Accepts an invitation: the password must follow the rules; the link is used up. */
    public StaffAccount accept(String token, String password, String repeated) throws SQLException {
        StaffAccount account = invited(token)
                .orElseThrow(() -> Refusal.invalid("token", "this invitation link has expired or was used already"));
        checkNew(account, password, repeated);
        if (!invitations.use(token, account.name())) {
            throw Refusal.invalid("token", "this invitation link has expired or was used already");
        }
        accounts.setPassword(account.name(), password);
        return account;
    }

    /** Changes the signed-in person's own password; their other sessions end. */
    public void changePassword(String name, String current, String password, String repeated) throws SQLException {
        StaffAccount account = get(name);
        if (!"local".equals(account.source())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "password", "this account signs in through the identity provider");
        }
        if (current == null || !accounts.passwordMatches(name, current)) {
            throw Refusal.invalid("current", "this is not your current password");
        }
        if (password != null && password.equals(current)) {
            throw Refusal.invalid("password", "choose a password different from the current one");
        }
        checkNew(account, password, repeated);
        accounts.setPassword(name, password);
    }

    private void checkNew(StaffAccount account, String password, String repeated) {
        Optional<String> problem = rules.problem(password, account.name(), account.email());
        if (problem.isPresent()) {
            throw Refusal.invalid("password", problem.get());
        }
        if (repeated != null && !repeated.equals(password)) {
            throw Refusal.invalid("repeat", "the two passwords differ");
        }
    }

    private static boolean isActiveAdmin(StaffAccount a) {
        return a.role() == Role.ADMIN && a.status() == AccountStatus.ACTIVE;
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            throw Refusal.invalid("email", "an email address is needed to send the invitation");
        }
        try {
            InternetAddress address = new InternetAddress(email.trim(), true);
            if (!address.getAddress().contains("@") || address.getAddress().length() > 320) {
                throw Refusal.invalid("email", "not an email address");
            }
            return address.getAddress();
        } catch (AddressException e) {
            throw Refusal.invalid("email", "not an email address: " + e.getMessage());
        }
    }

    private List<String> lists(List<String> ids) throws SQLException {
        if (ids == null) {
            return List.of();
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || lists.find(id).isEmpty()) {
                throw Refusal.invalid("lists[" + i + "]", "no list " + id);
            }
        }
        return ids.stream().distinct().toList();
    }
}
