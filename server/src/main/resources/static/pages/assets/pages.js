// The pages' only script: confirmations, progress on slow actions and copy buttons. Everything works
// without it, except that destructive actions then go ahead without asking.
document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
    }
    if (form.getAttribute('aria-busy') === 'true') {
        event.preventDefault(); // already on its way: a second click must not send it twice
        return;
    }
    var progress = form.getAttribute('data-progress');
    if (progress) {
        form.setAttribute('aria-busy', 'true');
        var button = event.submitter || form.querySelector('button[type=submit]');
        if (button) {
            button.classList.add('busy');
            button.setAttribute('data-label', button.textContent);
            button.textContent = progress;
        }
        var status = form.querySelector('.progress');
        if (status) {
            status.textContent = progress;
        }
    }
});

document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-copy]');
    if (!button) {
        return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    var text = source.value !== undefined ? source.value : source.textContent;
    var done = function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 2000);
    };
    if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(done, function () { source.select && source.select(); });
    } else if (source.select) {
        source.select();
        document.execCommand('copy');
        done();
    }
});

document.addEventListener('change', function (event) {
    if (event.target.hasAttribute('data-autosubmit')) {
        event.target.form.requestSubmit();
    }
});
