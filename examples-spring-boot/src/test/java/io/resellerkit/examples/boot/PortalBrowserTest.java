package io.resellerkit.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reseller portal in a real browser: the example application as README.md starts it (demo data,
 * demo logins), driven through Debian's headless chromium and chromedriver. Screenshots go to
 * target/screenshots/.
 */
class PortalBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String SCRIPT_NAME = "<img src=x onerror=alert(1)>";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static ConfigurableApplicationContext app;
    private static String root;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Debian's chromium and chromedriver: apt-get install chromium chromium-driver");
        app = SpringApplication.run(ExampleApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:portal-test;DB_CLOSE_DELAY=-1");
        root = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        // Debian's chromium and chromedriver, named here so that Selenium Manager never looks for
        // (or downloads) a browser or a driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("portal-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        // Every write re-renders the screen, so an element read a moment ago may be gone: look again.
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theVendorCreatesAResellerFillsItsQuotaIsRefusedWithLimitAndUsageRaisesItSuspendsAndAllocates() {
        signIn(DemoData.VENDOR);
        waitForHeading("Resellers");
        screenshot("vendor-resellers");

        submit("Creating the reseller", Map.of("Name", "Contoso Partners", "Email", "partners@contoso.example",
                "Users allowed (-1: unlimited)", "2", "Organizations allowed (-1: unlimited)", "1"));
        waitForHeading("Contoso Partners");
        submit("Creating the organization", Map.of("Organization name", "Fabrikam",
                "Organization email", "it@fabrikam.example"));
        waitForMessage("Organization Fabrikam created.");
        assertTrue(main().contains("Organizations: 1 of 1 (full)"), main());

        submit("Creating the organization", Map.of("Organization name", "Tailspin",
                "Organization email", "it@tailspin.example"));
        assertEquals("Creating the organization was refused: the reseller's organization quota is full (limit 1, 1 in use).",
                errorOf("Creating the organization"));
        screenshot("vendor-quota-refusal");

        submit("Changing the quotas", Map.of("Organizations allowed (-1: unlimited)", "2"));
        waitForMessage("Quotas saved.");
        assertTrue(main().contains("Organizations: 1 of 2"), main());

        button("Suspend reseller").click();
        waitForMessage("Reseller suspended.");
        button("Reactivate reseller").click();
        waitForMessage("Reseller reactivated.");

        browser.get(root + "/resellerkit/#/licenses");
        waitForHeading("Licenses");
        WebElement allocate = browser.findElement(By.cssSelector("form[aria-label='Allocating the license']"));
        new Select(allocate.findElement(By.tagName("select"))).selectByVisibleText("Contoso Partners");
        allocate.findElement(By.tagName("button")).click();
        waitForMessage("License allocated.");

        browser.get(root + "/resellerkit/#/audit?action=reseller.quota.updated");
        waitForHeading("Audit log");
        wait.until(d -> main().contains("reseller.quota.updated"));
        assertTrue(main().contains("allowedOrganizations: 1 → 2"), main());
        screenshot("vendor-audit-log");

        // The CSV export link, as the browser follows it: the same filter, every match.
        String csv = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.querySelector("a[download='audit.csv']").href).then(r => r.text()).then(done);""");
        assertTrue(csv.contains("reseller.quota.updated") && !csv.contains("user.created"), csv);
    }

    @Test
    void theResellerAdminCreatesCustomersUntilTheQuotaRefusesWithLimitAndUsageAndAssignsALicense() {
        signIn(DemoData.ACME_ADMIN);
        waitForHeading("Acme");
        assertTrue(main().contains("Users: 1 of 3"), main());

        for (String name : List.of("Nina", "Noor")) {
            submit("Creating the user", Map.of("First name", name, "Last name", "Northwind",
                    "Email", name.toLowerCase() + "@northwind.example", "Organization", "Northwind"));
            waitForMessage("User " + name.toLowerCase() + "@northwind.example created.");
        }
        assertTrue(main().contains("Users: 3 of 3 (full)"), main());
        submit("Creating the user", Map.of("First name", "Ned", "Last name", "Northwind",
                "Email", "ned@northwind.example", "Organization", "Northwind"));
        assertEquals("Creating the user was refused: the reseller's user quota is full (limit 3, 3 in use).",
                errorOf("Creating the user"));
        screenshot("reseller-admin-quota-refusal");

        WebElement assign = browser.findElement(By.cssSelector("form[aria-label='Assigning the license']"));
        new Select(assign.findElement(By.tagName("select"))).selectByVisibleText("Northwind (organization)");
        assign.findElement(By.tagName("button")).click();
        waitForMessage("License assigned.");
        button("Unassign").click();
        waitForMessage("License unassigned.");

        browser.findElement(By.linkText("Audit trail")).click();
        waitForHeading("Audit trail");
        wait.until(d -> main().contains("quota.exceeded"));
        screenshot("reseller-admin-audit-trail");
    }

    @Test
    void aResellerAdminPastingAnotherResellersAddressSeesARefusalAndNothingOfIt() throws Exception {
        String globex = JsonMapper.builder().build().readTree(asVendor("/api/resellerkit/v3/resellers?name=Globex"))
                .get("items").get(0).get("id").asString();
        signIn(DemoData.ACME_ADMIN);
        waitForHeading("Acme");
        int refusalsBefore = annsRefusals();

        browser.get(root + "/resellerkit/#/resellers/" + globex);
        waitForHeading("Not available");

        assertTrue(main().contains("Opening this page was refused: you may not do this"), main());
        // One attempt, one access.denied in the vendor's trail: the page stops at the first refusal.
        assertEquals(refusalsBefore + 1, annsRefusals());
        assertFalse(main().contains("Globex") || main().contains("Initech") || main().contains("gus@"), main());
        screenshot("reseller-admin-other-reseller-refused");
    }

    @Test
    void aNameWithMarkupShowsAsThoseCharactersAndRunsNothing() {
        signIn(DemoData.VENDOR);
        waitForHeading("Resellers");
        submit("Creating the reseller", Map.of("Name", SCRIPT_NAME, "Email", "markup@reseller.example",
                "Users allowed (-1: unlimited)", "1", "Organizations allowed (-1: unlimited)", "1"));
        waitForHeading(SCRIPT_NAME);
        browser.get(root + "/resellerkit/#/resellers");
        wait.until(d -> main().contains(SCRIPT_NAME));

        assertTrue(browser.findElements(By.cssSelector("main img")).isEmpty(), "no element made of the name");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertTrue(browser.findElement(By.linkText(SCRIPT_NAME)).isDisplayed());
    }

    @Test
    void theKeyboardReachesTheNavigationTheFiltersAndTheCreateButtonAndFollowsALink() {
        signIn(DemoData.VENDOR);
        // A fresh load, so the keyboard starts at the top of the page.
        browser.navigate().refresh();
        waitForHeading("Resellers");

        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 40 && !reached.contains("button:Create reseller"); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            reached.add(focused.getTagName() + ":" + focused.getText().strip());
        }
        assertTrue(reached.containsAll(List.of("a:Resellers", "a:Licenses", "a:Audit log", "button:Filter",
                "a:Acme", "button:Create reseller")), reached::toString);

        WebElement acme = browser.findElement(By.linkText("Acme"));
        acme.sendKeys(Keys.ENTER);
        waitForHeading("Acme");
    }

    @Test
    void theOrganizationAdminSeesItsOrganizationsUsersAndLicenses() {
        signIn(DemoData.NORTHWIND_ADMIN);
        waitForHeading("Northwind");
        assertTrue(main().contains("olga@northwind.example"), main());
        assertTrue(main().contains("Licenses"), main());
        assertFalse(main().contains("null") || main().contains("undefined"), main());
        screenshot("organization-admin");
    }

    @Test
    void atAPhonesWidthTheResellerAdminsPageDoesNotScrollSideways() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            signIn(DemoData.ACME_ADMIN);
            waitForHeading("Acme");
            screenshot("reseller-admin-phone");
            Object sideways = browser.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertEquals(false, sideways, "the page is wider than the phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefusedAndCreatesNothing() throws Exception {
        signIn(DemoData.VENDOR);
        waitForHeading("Resellers");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/resellerkit/v3/resellers', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({name: 'Forged', email: 'forged@example.com', allowedUsers: 1, allowedOrganizations: 1})})
                  .then(r => done(r.status));""");
        assertEquals(403L, status);
        assertFalse(asVendor("/api/resellerkit/v3/resellers?name=Forged").contains("Forged"));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static void signIn(String email) {
        browser.manage().deleteAllCookies();
        browser.get(root + "/resellerkit/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(DemoSecurity.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("who")).getText().contains(email));
    }

    private static String main() {
        return browser.findElement(By.id("main")).getText();
    }

    private static void waitForHeading(String text) {
        wait.until(d -> d.findElements(By.cssSelector("main h1")).stream().anyMatch(h -> h.getText().startsWith(text)));
    }

    private static void waitForMessage(String text) {
        wait.until(d -> d.findElements(By.cssSelector("main .ok")).stream().anyMatch(m -> m.getText().equals(text)));
    }

    /** Fills the form named {@code what} by its labels, and submits it. */
    private static void submit(String what, Map<String, String> values) {
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[aria-label='" + what + "']")));
        values.forEach((label, value) -> {
            WebElement labelled = form.findElement(By.xpath(".//label[normalize-space()=\"" + label + "\"]"));
            WebElement control = form.findElement(By.id(labelled.getAttribute("for")));
            if (control.getTagName().equals("select")) {
                new Select(control).selectByVisibleText(value);
            } else {
                control.clear();
                control.sendKeys(value);
            }
        });
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The refusal shown under the form named {@code what}. */
    private static String errorOf(String what) {
        By error = By.xpath("//form[@aria-label='" + what + "']/following-sibling::div[@role='alert']");
        wait.until(d -> !d.findElement(error).getText().isEmpty());
        return browser.findElement(error).getText();
    }

    private static WebElement button(String text) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='" + text + "']")));
    }

    private static void screenshot(String name) {
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int annsRefusals() throws Exception {
        return JsonMapper.builder().build().readTree(asVendor("/api/resellerkit/v3/audit-logs?action=access.denied&limit=100"
                + "&actorEmail=" + DemoData.ACME_ADMIN)).get("items").size();
    }

    private static String asVendor(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((DemoData.VENDOR + ":" + DemoSecurity.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }
}
