#!/usr/bin/python3
"""The dashboard in a real browser: headless Chromium through Selenium (Debian's chromium, chromium-driver and
python3-selenium). Waits until the loss chart has points and the first epoch's model is there, draws a 7 on the
canvas, checks that probabilities appear, and saves screenshots. Usage: dashboard_browser.py URL SCREENSHOT_DIR"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By


def wait(driver, script, seconds, what):
    end = time.time() + seconds
    while time.time() < end:
        if driver.execute_script(script):
            return
        time.sleep(0.5)
    raise SystemExit(f"dashboard in the browser: no {what} after {seconds} s")


url, shots = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1900"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(url)
    wait(driver, "return runs.length > 0 && runs[0] && runs[0].loss.length > 0", 120, "loss points")
    driver.save_screenshot(f"{shots}/dashboard-loss.png")
    wait(driver, "return document.querySelectorAll('#mistakes figure').length > 0", 300, "model after the first epoch")
    pad = driver.find_element(By.ID, "pad")
    driver.execute_script("arguments[0].scrollIntoView()", pad)
    # a 7: a bar, then a diagonal (offsets from the canvas's centre, 280×280)
    ActionChains(driver).move_to_element_with_offset(pad, -70, -80).click_and_hold().move_by_offset(140, 0) \
        .move_by_offset(-45, 85).move_by_offset(-45, 85).release().perform()
    wait(driver, "return document.getElementById('probabilities').innerText.includes('%')", 30, "probabilities")
    top = driver.find_element(By.ID, "probabilities").text.split("\n")[:2]
    print("  drawn 7, the model's top class:", " ".join(top))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(f"{shots}/dashboard-drawn.png")
    points = driver.execute_script("return runs[0].loss.length")
    print(f"  loss chart: {points} points; screenshots in {shots}")
finally:
    driver.quit()
